<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ResearchData</name>
    <message>
        <source>the final weights are not finite numbers (the run diverged): no landscape to draw</source>
        <extracomment>with &quot;every&quot; left to the view, about this many measured epochs</extracomment>
        <translation>最终权重不是有限数（运行已发散）：无法绘制损失曲面</translation>
    </message>
    <message>
        <source>: the plane uses random directions instead</source>
        <translation>：平面改用随机方向</translation>
    </message>
    <message>
        <source>the number of steps must be a whole number ≥ 1, got {value}</source>
        <extracomment>the runs of lab 10 (optstudio/labs/10_adam_amsgrad.json, its view section): the panel&apos;s default progress is reported every this many steps</extracomment>
        <translation>步数必须是 ≥ 1 的整数，而不是 {value}</translation>
    </message>
    <message>
        <source>C must be a number &gt; 2 (then x = −1 is the best point), got {value}</source>
        <translation>C 必须是 &gt; 2 的数（这样 x = −1 才是最好的点），而不是 {value}</translation>
    </message>
    <message>
        <source>{label}: {error}</source>
        <translation>{label}：{error}</translation>
    </message>
</context>
<context>
    <name>ResearchGlue</name>
    <message>
        <source>Why it behaves so</source>
        <extracomment>the lab views this page shows</extracomment>
        <translation>为何如此表现</translation>
    </message>
    <message>
        <source>Show the tab “Why it behaves so”: sharpness, landscape, learning-rate range test, layers, online problem (Ctrl+0)</source>
        <translation>显示“为何如此表现”页：锐度、损失曲面、学习率范围测试、逐层梯度、在线问题（Ctrl+0）</translation>
    </message>
    <message>
        <source>Export weights…</source>
        <translation>导出权重…</translation>
    </message>
    <message>
        <source>Save the weights of the training as a plain .npz file (W1, b1, …) to load with numpy.load in your own notebook</source>
        <translation>把训练得到的权重保存为普通的 .npz 文件（W1, b1, …），可在你自己的 notebook 中用 numpy.load 读取</translation>
    </message>
    <message>
        <source>Fix the settings on the left first: {error}</source>
        <translation>请先修正左侧的设置：{error}</translation>
    </message>
    <message>
        <source>Learning rate set to {value} (the range test&apos;s suggestion)</source>
        <translation>学习率已设为 {value}（学习率范围测试的建议值）</translation>
    </message>
    <message>
        <source>The lab&apos;s view section cannot be shown: {error}</source>
        <translation>无法显示实验课的视图部分：{error}</translation>
    </message>
    <message>
        <source>Export weights</source>
        <translation>导出权重</translation>
    </message>
    <message>
        <source>NumPy arrays (*.npz)</source>
        <translation>NumPy 数组 (*.npz)</translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation>没有可导出的内容</translation>
    </message>
    <message>
        <source>Train at least one epoch first.</source>
        <translation>请先至少训练一个 epoch。</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>训练正在进行</translation>
    </message>
    <message>
        <source>Pause the training first, then export the weights.</source>
        <translation>请先暂停训练，再导出权重。</translation>
    </message>
    <message>
        <source>Cannot export the weights</source>
        <translation>无法导出权重</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>ResearchView</name>
    <message>
        <source>Sharpness</source>
        <extracomment>the panels, in tab order: (key, tab text; translated where shown)</extracomment>
        <translation>锐度</translation>
    </message>
    <message>
        <source>Loss landscape</source>
        <translation>损失曲面</translation>
    </message>
    <message>
        <source>Learning-rate range test</source>
        <translation>学习率范围测试</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>逐层梯度</translation>
    </message>
    <message>
        <source>Online problem (Adam vs AMSGrad)</source>
        <translation>在线问题（Adam 对比 AMSGrad）</translation>
    </message>
    <message>
        <source>α at the lowest cost / 10</source>
        <extracomment>the range test&apos;s rule (optstudio.core.lr_range.RULE) as the summary says it</extracomment>
        <translation>成本最低处的 α / 10</translation>
    </message>
    <message>
        <source>finished</source>
        <extracomment>a run&apos;s status as the status line says it</extracomment>
        <translation>已完成</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>n/a</source>
        <extracomment>the online panel&apos;s largest number of steps (every point of every curve is drawn) CS231n&apos;s rule of thumb for the update/weight ratio</extracomment>
        <translation>无</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Not enough memory for this network and data.</source>
        <translation>内存不足，无法处理这个网络和数据。</translation>
    </message>
    <message>
        <source>Export plot…</source>
        <translation>导出图…</translation>
    </message>
    <message>
        <source>Save a plot of this panel as a PNG image or an SVG drawing</source>
        <translation>把本面板的一张图保存为 PNG 图像或 SVG 矢量图</translation>
    </message>
    <message>
        <source>Export “{name}”</source>
        <translation>导出“{name}”</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sharpness&lt;/b&gt; λ&lt;sub&gt;max&lt;/sub&gt; is the largest eigenvalue of the Hessian of the training cost J: how strongly the cost curves in its steepest direction. Gradient descent with learning rate α is stable on such a curve only while λ&lt;sub&gt;max&lt;/sub&gt; &amp;lt; 2/α. Under full-batch gradient descent the sharpness rises until it reaches about 2/α and then hovers there: the &lt;i&gt;edge of stability&lt;/i&gt; (Cohen et al., 2021). For Adam, RMSprop or Adagrad a second plot shows the sharpness as the optimizer sees it (each parameter scaled by its own step) against its own limit.</source>
        <translation>&lt;b&gt;锐度&lt;/b&gt; λ&lt;sub&gt;max&lt;/sub&gt; 是训练成本 J 的黑塞矩阵（Hessian）的最大特征值：成本在其最陡方向上弯曲得有多厉害。学习率为 α 的梯度下降只有在 λ&lt;sub&gt;max&lt;/sub&gt; &amp;lt; 2/α 时才能在这样的曲面上保持稳定。在批量梯度下降（全批量）下，锐度会不断上升，直到约 2/α，然后在那里徘徊：这就是&lt;i&gt;稳定性边缘&lt;/i&gt;（Cohen 等，2021）。对于 Adam、RMSprop 或 Adagrad，第二张图显示优化器“看到”的锐度（每个参数按它自己的步长缩放），并与它自己的界限比较。</translation>
    </message>
    <message>
        <source>Sharpness λ_max after each epoch</source>
        <translation>每个 epoch 之后的锐度 λ_max</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>epoch</translation>
    </message>
    <message>
        <source>λ_max of the Hessian of J</source>
        <translation>J 的黑塞矩阵的 λ_max</translation>
    </message>
    <message>
        <source>Blue: λ_max measured by power iteration with Hessian-vector products (on a copy of the weights after the epoch). Red dashed: 2/α, the stability limit of gradient descent.</source>
        <translation>蓝线：用黑塞矩阵-向量积的幂迭代测得的 λ_max（在该 epoch 之后权重的副本上）。红色虚线：2/α，梯度下降的稳定性界限。</translation>
    </message>
    <message>
        <source>λ_max (sharpness)</source>
        <translation>λ_max（锐度）</translation>
    </message>
    <message>
        <source>Preconditioned sharpness (adaptive optimizers)</source>
        <translation>预条件锐度（自适应优化器）</translation>
    </message>
    <message>
        <source>λ_max of P⁻¹·H</source>
        <translation>P⁻¹·H 的 λ_max</translation>
    </message>
    <message>
        <source>For Adam, RMSprop, Adagrad …: the sharpness of the cost as the optimizer sees it, with each parameter scaled by its own step α/(√ŝ + ε). Its limit is (2 + 2β₁)/((1 − β₁)·α) (38/α for β₁ = 0.9).</source>
        <translation>适用于 Adam、RMSprop、Adagrad …：优化器“看到”的成本锐度，每个参数按它自己的步长 α/(√ŝ + ε) 缩放。其界限为 (2 + 2β₁)/((1 − β₁)·α)（β₁ = 0.9 时为 38/α）。</translation>
    </message>
    <message>
        <source>preconditioned λ_max</source>
        <translation>预条件 λ_max</translation>
    </message>
    <message>
        <source>Preconditioned sharpness</source>
        <translation>预条件锐度</translation>
    </message>
    <message>
        <source>No epoch was measured.</source>
        <translation>没有测量任何 epoch。</translation>
    </message>
    <message>
        <source>measured every {every} epoch</source>
        <translation>每 {every} 个 epoch 测量一次</translation>
    </message>
    <message>
        <source>measured every {every} epochs</source>
        <translation>每 {every} 个 epoch 测量一次</translation>
    </message>
    <message>
        <source>After epoch {epoch}: λ&lt;sub&gt;max&lt;/sub&gt; = &lt;b&gt;{sharpness}&lt;/b&gt;, 2/α = &lt;b&gt;{limit}&lt;/b&gt; ({measured}).</source>
        <translation>第 {epoch} 个 epoch 之后：λ&lt;sub&gt;max&lt;/sub&gt; = &lt;b&gt;{sharpness}&lt;/b&gt;，2/α = &lt;b&gt;{limit}&lt;/b&gt;（{measured}）。</translation>
    </message>
    <message>
        <source> An adaptive optimizer scales every step by its own rate, so its limit is not 2/α: the preconditioned sharpness is &lt;b&gt;{value}&lt;/b&gt; against &lt;b&gt;{bound}&lt;/b&gt;.</source>
        <translation>自适应优化器按各自的速率缩放每一步，所以它的界限不是 2/α：预条件锐度为 &lt;b&gt;{value}&lt;/b&gt;，界限为 &lt;b&gt;{bound}&lt;/b&gt;。</translation>
    </message>
    <message>
        <source> The cost curves more sharply than the steps at this α can follow: expect oscillation.</source>
        <translation>成本弯曲得比这个 α 下的步长所能跟上的更厉害：会出现振荡。</translation>
    </message>
    <message>
        <source> The run is at the edge of stability: the sharpness has climbed to about its limit.</source>
        <translation>这次运行处于稳定性边缘：锐度已上升到大约它的界限。</translation>
    </message>
    <message>
        <source> The sharpness stays well below its limit ({percent} of it): the steps are stable; a larger α (or full-batch training) shows the edge of stability.</source>
        <translation>锐度远低于它的界限（为界限的 {percent}）：步长是稳定的；更大的 α（或全批量训练）才能显示稳定性边缘。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Loss landscape.&lt;/b&gt; Left: the cost J on the straight line from the initial weights (t = 0) to the weights after training (t = 1). Right: J on a plane through the final weights (the centre), with the path the weights took projected onto it (white line, from ○ to ✕). Dark is low cost.</source>
        <translation>&lt;b&gt;损失曲面。&lt;/b&gt;左：从初始权重（t = 0）到训练后权重（t = 1）的直线上的成本 J。右：经过最终权重（中心）的平面上的 J，权重走过的路径投影在上面（白线，从 ○ 到 ✕）。颜色越深，成本越低。</translation>
    </message>
    <message>
        <source>Cost on the line θ(t), initial t = 0 → final t = 1</source>
        <translation>直线 θ(t) 上的成本，初始 t = 0 → 最终 t = 1</translation>
    </message>
    <message>
        <source>cost J</source>
        <translation>成本 J</translation>
    </message>
    <message>
        <source>J((1 − t)·θ_initial + t·θ_final) (Goodfellow et al., 2015). A curve that falls without bumps means nothing stood between the start and the end.</source>
        <translation>J((1 − t)·θ_initial + t·θ_final)（Goodfellow 等，2015）。曲线一路下降、没有起伏，说明起点和终点之间没有任何阻碍。</translation>
    </message>
    <message>
        <source>Cost on a plane around the final weights</source>
        <translation>最终权重周围平面上的成本</translation>
    </message>
    <message>
        <source>J(θ_final + a·δ + b·η). Random: δ, η are random directions scaled to the size of each unit&apos;s weights (Li et al., 2018); PCA: the two directions in which the weights moved most.</source>
        <translation>J(θ_final + a·δ + b·η)。随机：δ、η 是按每个神经元权重大小缩放的随机方向（Li 等，2018）；PCA：权重移动最多的两个方向。</translation>
    </message>
    <message>
        <source>PCA of the path</source>
        <translation>路径的 PCA</translation>
    </message>
    <message>
        <source>random directions</source>
        <translation>随机方向</translation>
    </message>
    <message>
        <source>The plane (used by the next “Train and measure”): two random directions scaled like the weights (filter-normalised), or the two directions in which the weights moved most (PCA of the path)</source>
        <translation>平面（用于下一次“训练并测量”）：两个按权重缩放的随机方向（滤波器归一化），或权重移动最多的两个方向（路径的 PCA）</translation>
    </message>
    <message>
        <source> × grid</source>
        <translation> × 网格</translation>
    </message>
    <message>
        <source>Grid points per side of the plane (the cost is computed at each; used by the next “Train and measure”)</source>
        <translation>平面每边的网格点数（在每个点上计算成本；用于下一次“训练并测量”）</translation>
    </message>
    <message>
        <source>Landscape line</source>
        <translation>损失曲面直线</translation>
    </message>
    <message>
        <source>Landscape plane</source>
        <translation>损失曲面平面</translation>
    </message>
    <message>
        <source>plane:</source>
        <translation>平面：</translation>
    </message>
    <message>
        <source>J(initial) = &lt;b&gt;{initial}&lt;/b&gt;, J(final) = &lt;b&gt;{final}&lt;/b&gt;; highest on the line: {highest}.</source>
        <translation>J(初始) = &lt;b&gt;{initial}&lt;/b&gt;，J(最终) = &lt;b&gt;{final}&lt;/b&gt;；直线上的最高值：{highest}。</translation>
    </message>
    <message>
        <source>filter-normalised random directions</source>
        <translation>滤波器归一化的随机方向</translation>
    </message>
    <message>
        <source>principal directions of the weight path ({shares} of its variance)</source>
        <translation>权重路径的主方向（占其方差的 {shares}）</translation>
    </message>
    <message>
        <source>Plane: {kind}; J at the centre {cost}.</source>
        <translation>平面：{kind}；中心处的 J 为 {cost}。</translation>
    </message>
    <message>
        <source>Random directions are almost perpendicular to the path, so the path shows as a short line: choose “PCA of the path” to see the way the weights went.</source>
        <translation>随机方向几乎与路径垂直，所以路径只显示为一条短线：选择“路径的 PCA”可以看到权重走过的路。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Learning-rate range test&lt;/b&gt; (Smith, 2017): train a few hundred updates from the initial weights while α grows exponentially from tiny to huge, and plot the cost against α. Too small: nothing happens. Then the cost falls faster and faster. Too large: it shoots up. A good α is about a tenth of the α at the lowest cost.</source>
        <translation>&lt;b&gt;学习率范围测试&lt;/b&gt;（Smith，2017）：从初始权重开始训练几百次更新，同时让 α 从极小指数增长到极大，并画出成本随 α 的变化。太小：什么都不发生。然后成本下降得越来越快。太大：成本急剧上升。好的 α 大约是成本最低处 α 的十分之一。</translation>
    </message>
    <message>
        <source>Training cost while α grows</source>
        <translation>α 增大时的训练成本</translation>
    </message>
    <message>
        <source>learning rate α (log scale)</source>
        <translation>学习率 α（对数坐标）</translation>
    </message>
    <message>
        <source>Each point: the training cost after one update with that α. Green line: the suggested α; grey dotted: the α at the lowest cost; orange dotted: where the cost falls fastest.</source>
        <translation>每个点：用该 α 更新一次后的训练成本。绿线：建议的 α；灰色点线：成本最低处的 α；橙色点线：成本下降最快处。</translation>
    </message>
    <message>
        <source>suggested α</source>
        <translation>建议的 α</translation>
    </message>
    <message>
        <source>lowest cost</source>
        <translation>最低成本</translation>
    </message>
    <message>
        <source>steepest</source>
        <translation>下降最快</translation>
    </message>
    <message>
        <source>The first, tiny learning rate</source>
        <translation>第一个（极小的）学习率</translation>
    </message>
    <message>
        <source>The last, huge learning rate (the test stops earlier when the cost explodes)</source>
        <translation>最后一个（极大的）学习率（成本爆炸时测试会提前停止）</translation>
    </message>
    <message>
        <source>Updates, one α each: α_i = α_start·(α_stop/α_start)^(i/(n − 1))</source>
        <translation>更新次数，每次一个 α：α_i = α_start·(α_stop/α_start)^(i/(n − 1))</translation>
    </message>
    <message>
        <source>Run the range test</source>
        <translation>运行范围测试</translation>
    </message>
    <message>
        <source>With the data, network, optimizer and mini-batch size set up on the left</source>
        <translation>使用左侧设置的数据、网络、优化器和小批量大小</translation>
    </message>
    <message>
        <source>Use this α</source>
        <translation>使用这个 α</translation>
    </message>
    <message>
        <source>Put the suggested α into the learning-rate field on the left</source>
        <translation>把建议的 α 填入左侧的学习率字段</translation>
    </message>
    <message>
        <source>α from</source>
        <translation>α 从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>in updates</source>
        <translation>更新次数</translation>
    </message>
    <message>
        <source>Use this α = {alpha}</source>
        <translation>使用这个 α = {alpha}</translation>
    </message>
    <message>
        <source>Lowest cost {cost} at α = {lowest}; suggested α = &lt;b&gt;{suggested}&lt;/b&gt; ({rule}); the cost falls fastest at α = {steepest}. {message}</source>
        <translation>最低成本 {cost}，在 α = {lowest} 处；建议 α = &lt;b&gt;{suggested}&lt;/b&gt;（{rule}）；成本在 α = {steepest} 处下降最快。{message}</translation>
    </message>
    <message>
        <source>No α to suggest. {message}</source>
        <translation>没有可建议的 α。{message}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Per-layer gradients.&lt;/b&gt; Left: the size of the gradient ‖dW&lt;sup&gt;[l]&lt;/sup&gt;‖ of each layer. When it is many times smaller in the first layers than in the last, the gradient &lt;i&gt;vanishes&lt;/i&gt; on its way back (saturated sigmoid or tanh units, weights too small or too large); when it grows, it &lt;i&gt;explodes&lt;/i&gt;. Right: how much the last update changed each layer&apos;s weights, ‖ΔW‖/‖W‖; about 10&lt;sup&gt;−3&lt;/sup&gt; is healthy (CS231n): far below, the layer hardly learns; far above, α is too large.</source>
        <translation>&lt;b&gt;逐层梯度。&lt;/b&gt;左：每一层梯度 ‖dW&lt;sup&gt;[l]&lt;/sup&gt;‖ 的大小。如果前面几层的梯度比最后几层小很多倍，梯度就在反向传播的途中&lt;i&gt;消失&lt;/i&gt;了（sigmoid 或 tanh 神经元饱和，权重太小或太大）；如果它不断增大，梯度就&lt;i&gt;爆炸&lt;/i&gt;了。右：最后一次更新使每层权重改变了多少，‖ΔW‖/‖W‖；约 10&lt;sup&gt;−3&lt;/sup&gt; 是健康的（CS231n）：远低于此，这一层几乎学不到东西；远高于此，α 太大。</translation>
    </message>
    <message>
        <source>Gradient norm per layer</source>
        <translation>每层的梯度范数</translation>
    </message>
    <message>
        <source>‖dW[l]‖ (log scale)</source>
        <translation>‖dW[l]‖（对数坐标）</translation>
    </message>
    <message>
        <source>Frobenius norm of the gradient of J (whole training set) for the weights of each layer, after the epoch</source>
        <translation>每层权重的 J 梯度（整个训练集）的 Frobenius 范数，在该 epoch 之后</translation>
    </message>
    <message>
        <source>Update / weight ratio per layer</source>
        <translation>每层的更新/权重比</translation>
    </message>
    <message>
        <source>‖ΔW[l]‖/‖W[l]‖ (log scale)</source>
        <translation>‖ΔW[l]‖/‖W[l]‖（对数坐标）</translation>
    </message>
    <message>
        <source>Size of the epoch&apos;s last update relative to the weights it changed; red dashed: the rule of thumb 1e-3</source>
        <translation>该 epoch 最后一次更新相对于它所改变的权重的大小；红色虚线：经验法则 1e-3</translation>
    </message>
    <message>
        <source>1e-3 rule of thumb</source>
        <translation>1e-3 经验法则</translation>
    </message>
    <message>
        <source>Gradient norms</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>Update ratios</source>
        <translation>更新比</translation>
    </message>
    <message>
        <source>layer {number}</source>
        <translation>第 {number} 层</translation>
    </message>
    <message>
        <source>After epoch {epoch}: ‖dW&lt;sup&gt;[1]&lt;/sup&gt;‖ = {first}, ‖dW&lt;sup&gt;[{layers}]&lt;/sup&gt;‖ = {last}</source>
        <translation>第 {epoch} 个 epoch 之后：‖dW&lt;sup&gt;[1]&lt;/sup&gt;‖ = {first}，‖dW&lt;sup&gt;[{layers}]&lt;/sup&gt;‖ = {last}</translation>
    </message>
    <message>
        <source>: the first layer&apos;s gradient is {factor} times smaller than the last&apos;s (vanishing).</source>
        <translation>：第一层的梯度比最后一层小 {factor} 倍（梯度消失）。</translation>
    </message>
    <message>
        <source>: the first layer&apos;s gradient is {factor} times larger than the last&apos;s (exploding).</source>
        <translation>：第一层的梯度比最后一层大 {factor} 倍（梯度爆炸）。</translation>
    </message>
    <message>
        <source>: the gradient reaches the first layer.</source>
        <translation>：梯度能传到第一层。</translation>
    </message>
    <message>
        <source> Update/weight ratios: {ratios}.</source>
        <translation>更新/权重比：{ratios}。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Adam vs AMSGrad on an online problem&lt;/b&gt; (Reddi et al., 2018), no network: one number x in [−1, 1] with the cost f&lt;sub&gt;t&lt;/sub&gt;(x) = C·x at t = 1, 4, 7, … and −x otherwise; the best point is x = −1 (dashed line). Adam with a small β&lt;sub&gt;2&lt;/sub&gt; divides the rare large gradient C by a large √s and the two −1 by a small one, so it walks to the worst point x = +1; AMSGrad divides by the largest s so far and converges. Right: the average regret goes to 0 only for an optimizer that converges.</source>
        <translation>&lt;b&gt;在线问题上的 Adam 与 AMSGrad&lt;/b&gt;（Reddi 等人，2018），没有网络：[−1, 1] 中的一个数 x，成本在 t = 1, 4, 7, … 时为 f&lt;sub&gt;t&lt;/sub&gt;(x) = C·x，否则为 −x；最好的点是 x = −1（虚线）。β&lt;sub&gt;2&lt;/sub&gt; 较小的 Adam 用一个大的 √s 去除少见的大梯度 C，却用一个小的 √s 去除两个 −1，于是它走向最差的点 x = +1；AMSGrad 除以迄今为止最大的 s，因而收敛。右图：只有收敛的优化器，其平均遗憾才会趋于 0。</translation>
    </message>
    <message>
        <source>The point x after each step</source>
        <translation>每一步之后的点 x</translation>
    </message>
    <message>
        <source>step t (log scale)</source>
        <translation>步数 t（对数刻度）</translation>
    </message>
    <message>
        <source>x after step t, clipped back into [−1, 1] after every update (colours as in the legend on the right). Dashed: the best point x = −1; x = +1 is the worst.</source>
        <translation>第 t 步之后的 x，每次更新之后被裁剪回 [−1, 1]（颜色与右图的图例相同）。虚线：最好的点 x = −1；x = +1 是最差的点。</translation>
    </message>
    <message>
        <source>Average regret</source>
        <translation>平均遗憾</translation>
    </message>
    <message>
        <source>R_t/t = (1/t)·(Σ f_i(x_i) − min over x of Σ f_i(x)). Grey dotted: 2(C − 2)/3, the average regret of staying at the worst point x = +1.</source>
        <translation>R_t/t = (1/t)·(Σ f_i(x_i) − min over x of Σ f_i(x))。灰色点线：2(C − 2)/3，即一直停在最差点 x = +1 时的平均遗憾。</translation>
    </message>
    <message>
        <source>best x = −1</source>
        <translation>最好的点 x = −1</translation>
    </message>
    <message>
        <source>x = +1 for ever</source>
        <translation>一直停在 x = +1</translation>
    </message>
    <message>
        <source>The large gradient C of every third step; it must be &gt; 2 (then the sum C − 2 of three steps is positive and x = −1 is the best point). Reddi et al.&apos;s β2 = 1/(1 + C²): 0.1 for C = 3.</source>
        <translation>每三步出现一次的大梯度 C；它必须 &gt; 2（这样三步的梯度之和 C − 2 为正，x = −1 是最好的点）。Reddi 等人的 β2 = 1/(1 + C²)：C = 3 时为 0.1。</translation>
    </message>
    <message>
        <source>How many steps t each optimizer takes (α_t = α/√t with the schedule inverse-sqrt)</source>
        <translation>每个优化器走多少步 t（学习率调度 inverse-sqrt：α_t = α/√t）</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run every optimizer of the list on the online problem with this C (in the background)</source>
        <translation>用这个 C 在在线问题上运行列表中的每个优化器（在后台）</translation>
    </message>
    <message>
        <source>Stop the online runs</source>
        <translation>停止在线问题的运行</translation>
    </message>
    <message>
        <source>Online x</source>
        <translation>在线问题的 x</translation>
    </message>
    <message>
        <source>Online regret</source>
        <translation>在线问题的平均遗憾</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>C must be larger than 2 (then x = −1 is the best point); it is {value}.</source>
        <translation>C 必须大于 2（这样 x = −1 才是最好的点）；现在是 {value}。</translation>
    </message>
    <message>
        <source>Take at least 1 step.</source>
        <translation>至少要走 1 步。</translation>
    </message>
    <message>
        <source>{label}: x = &lt;b&gt;{x}&lt;/b&gt;, average regret &lt;b&gt;{regret}&lt;/b&gt;</source>
        <translation>{label}：x = &lt;b&gt;{x}&lt;/b&gt;，平均遗憾 &lt;b&gt;{regret}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{label}: {status} after {steps} steps: {message}</source>
        <translation>{label}：{steps} 步之后{status}：{message}</translation>
    </message>
    <message>
        <source>After {steps} steps with C = {C} (from x = {start}): {results}.</source>
        <translation>C = {C}，从 x = {start} 出发，{steps} 步之后：{results}。</translation>
    </message>
    <message>
        <source> At x = +1 the regret grows by 2(C − 2)/3 = {worst} per step on average: the average regret stays there.</source>
        <translation>停在 x = +1 时，遗憾平均每步增加 2(C − 2)/3 = {worst}：平均遗憾就停在这个值。</translation>
    </message>
    <message>
        <source>How sharply the cost curves, against the stability limit 2/α (edge of stability)</source>
        <translation>成本弯曲得有多厉害，并与稳定性界限 2/α 比较（稳定性边缘）</translation>
    </message>
    <message>
        <source>The cost between the initial and the final weights, and on a plane around them</source>
        <translation>初始权重与最终权重之间的成本，以及它们周围平面上的成本</translation>
    </message>
    <message>
        <source>Find a good learning rate in a few hundred updates</source>
        <translation>用几百次更新找到一个好的学习率</translation>
    </message>
    <message>
        <source>Vanishing and exploding gradients: gradient and update size per layer</source>
        <translation>梯度消失与梯度爆炸：每层的梯度和更新大小</translation>
    </message>
    <message>
        <source>Reddi et al.&apos;s online problem, no network: Adam walks to the worst point, AMSGrad converges</source>
        <translation>Reddi 等人的在线问题，没有网络：Adam 走向最差的点，AMSGrad 收敛</translation>
    </message>
    <message>
        <source>Train and measure</source>
        <translation>训练并测量</translation>
    </message>
    <message>
        <source>Train the experiment set up on the left again, from the same seed (the same run as Start gives), in the background, measuring the sharpness, the layers and the landscape on copies of the weights</source>
        <translation>在后台从相同的随机种子重新训练左侧设置的实验（与“开始”得到的运行相同），并在权重的副本上测量锐度、各层和损失曲面</translation>
    </message>
    <message>
        <source>Running {runs} optimizers for {steps} steps…</source>
        <translation>正在运行 {runs} 个优化器，每个 {steps} 步…</translation>
    </message>
    <message>
        <source>Running… {percent} of the steps done.</source>
        <translation>正在运行… 已完成 {percent} 的步数。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop measuring</source>
        <translation>停止测量</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Measure every N epochs (and the last); auto: about 100 measured epochs. Each sharpness measurement costs up to 100 Hessian-vector products.</source>
        <translation>每 N 个 epoch 测量一次（以及最后一个）；自动：大约测量 100 个 epoch。每次锐度测量最多需要 100 次黑塞矩阵-向量积。</translation>
    </message>
    <message>
        <source>the settings on the left</source>
        <translation>左侧的设置</translation>
    </message>
    <message>
        <source>What to train and measure: the experiment set up on the left, or one of the runs of the lab you opened</source>
        <translation>训练和测量什么：左侧设置的实验，或你打开的实验课中的某次运行</translation>
    </message>
    <message>
        <source>run:</source>
        <translation>运行：</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Train and measure&lt;/b&gt; to train the experiment on the left and measure it; the range test has its own button.</source>
        <translation>按&lt;b&gt;训练并测量&lt;/b&gt;来训练左侧的实验并进行测量；学习率范围测试有它自己的按钮。</translation>
    </message>
    <message>
        <source>every</source>
        <translation>每</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>个 epoch</translation>
    </message>
    <message>
        <source>lab: {run}</source>
        <translation>实验课：{run}</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Train and measure&lt;/b&gt; to train the run chosen here and measure it; the range test has its own button.</source>
        <translation>按&lt;b&gt;训练并测量&lt;/b&gt;来训练这里选择的运行并进行测量；学习率范围测试有它自己的按钮。</translation>
    </message>
    <message>
        <source>This lab trains no network: the panel &lt;b&gt;Online problem&lt;/b&gt; runs its optimizers on Reddi et al.&apos;s problem (&lt;b&gt;Run&lt;/b&gt; there runs them again).</source>
        <translation>这个实验不训练网络：&lt;b&gt;在线问题&lt;/b&gt;面板在 Reddi 等人的问题上运行它的优化器（在那里点&lt;b&gt;运行&lt;/b&gt;可以再运行一次）。</translation>
    </message>
    <message>
        <source>Training {optimizer} for {epochs} epochs and measuring…</source>
        <translation>正在用 {optimizer} 训练 {epochs} 个 epoch 并测量…</translation>
    </message>
    <message>
        <source>{run}: {epochs} epochs, {status}, measured in {seconds} s.</source>
        <translation>{run}：{epochs} 个 epoch，{status}，测量用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>The run failed: {message}</source>
        <translation>运行失败：{message}</translation>
    </message>
    <message>
        <source>The last α ({stop}) must be larger than the first ({start}).</source>
        <translation>最后一个 α（{stop}）必须大于第一个（{start}）。</translation>
    </message>
    <message>
        <source>Running the range test…</source>
        <translation>正在运行学习率范围测试…</translation>
    </message>
</context>
<context>
    <name>SweepData</name>
    <message>
        <source>final cost</source>
        <extracomment>what the heatmap and the sensitivity curves show (the key is the record&apos;s field)</extracomment>
        <translation>最终成本</translation>
    </message>
    <message>
        <source>train accuracy</source>
        <translation>训练集准确率</translation>
    </message>
    <message>
        <source>test accuracy</source>
        <translation>测试集准确率</translation>
    </message>
    <message>
        <source>epochs to the target cost</source>
        <translation>达到目标成本所需的 epoch 数</translation>
    </message>
    <message>
        <source>optimizers: tick at least one optimizer</source>
        <translation>优化器：请至少勾选一个优化器</translation>
    </message>
    <message>
        <source>learning rates: write start:stop:count (e.g. 1e-4:1e-1:7) or a list such as 0.01,0.1</source>
        <translation>学习率：请写 start:stop:count（例如 1e-4:1e-1:7）或列表，如 0.01,0.1</translation>
    </message>
    <message>
        <source>learning rates</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>seeds: write a number of seeds (3 = seeds 0, 1, 2) or a list such as 1,5,9</source>
        <translation>随机种子：请写随机种子的个数（3 = 种子 0, 1, 2）或列表，如 1,5,9</translation>
    </message>
    <message>
        <source>seeds</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>extra grid: write name=value1,value2 (e.g. beta2=0.99,0.999), got {text}</source>
        <translation>附加网格：请写 name=value1,value2（例如 beta2=0.99,0.999），收到的是 {text}</translation>
    </message>
    <message>
        <source>extra grid</source>
        <translation>附加网格</translation>
    </message>
    <message>
        <source>target cost: write a number such as 0.3, got {text}</source>
        <translation>目标成本：请写一个数，如 0.3，收到的是 {text}</translation>
    </message>
    <message>
        <source>target cost must be a finite number, got {text}</source>
        <translation>目标成本必须是有限数，收到的是 {text}</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>发散</translation>
    </message>
    <message>
        <source>never</source>
        <translation>未达到</translation>
    </message>
    <message>
        <source>{optimizer} α={rate} seed {seed}{extra}</source>
        <translation>{optimizer} α={rate} 随机种子 {seed}{extra}</translation>
    </message>
</context>
<context>
    <name>SweepSync</name>
    <message>
        <source>the file&apos;s sweep section</source>
        <translation>文件的扫描部分</translation>
    </message>
    <message>
        <source>fix the settings marked in red on the left first: {error}</source>
        <translation>请先修正左侧标红的设置：{error}</translation>
    </message>
    <message>
        <source>Cannot open the run: {error}</source>
        <translation>无法打开这次运行：{error}</translation>
    </message>
    <message>
        <source>The Training tab shows the sweep&apos;s run {run}: press Start to train it.</source>
        <translation>“训练”页显示了扫描中的运行 {run}：按“开始”来训练它。</translation>
    </message>
</context>
<context>
    <name>SweepView</name>
    <message>
        <source>&lt;b&gt;Which optimizer, at which learning rate, how sensitive?&lt;/b&gt; Every combination below trains on the data and network set up on the left.</source>
        <extracomment>a sweep of at least this many run-epochs trains in worker processes (one per core); smaller ones in the worker thread (starting processes would take longer than the sweep)</extracomment>
        <translation>&lt;b&gt;哪个优化器，在哪个学习率下，有多敏感？&lt;/b&gt;下面的每种组合都用左侧设置的数据和网络进行训练。</translation>
    </message>
    <message>
        <source>Optimizers</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>start:stop:count, log-spaced (1e-4:1:9 = 0.0001, 0.0003, … 1), or a list 0.01,0.1</source>
        <translation>start:stop:count，按对数等间隔（1e-4:1:9 = 0.0001, 0.0003, … 1），或列表 0.01,0.1</translation>
    </message>
    <message>
        <source>A number of seeds (3 = seeds 0, 1, 2) or a list such as 1,5,9</source>
        <translation>随机种子的个数（3 = 种子 0, 1, 2）或列表，如 1,5,9</translation>
    </message>
    <message>
        <source>optional, e.g. beta2=0.99,0.999</source>
        <translation>可选，例如 beta2=0.99,0.999</translation>
    </message>
    <message>
        <source>One more grid: an optimizer or schedule hyperparameter, or mini_batch_size, with its values</source>
        <translation>再加一个网格：优化器或学习率调度的一个超参数，或 mini_batch_size，以及它的取值</translation>
    </message>
    <message>
        <source>optional, e.g. 0.3</source>
        <translation>可选，例如 0.3</translation>
    </message>
    <message>
        <source>Count the epochs each run needs to reach this cost</source>
        <translation>统计每次运行达到这个成本所需的 epoch 数</translation>
    </message>
    <message>
        <source>learning rates α</source>
        <translation>学习率 α</translation>
    </message>
    <message>
        <source>seeds</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>extra grid</source>
        <translation>附加网格</translation>
    </message>
    <message>
        <source>target cost</source>
        <translation>目标成本</translation>
    </message>
    <message>
        <source>optional: tcp://HOST:8786</source>
        <translation>可选：tcp://HOST:8786</translation>
    </message>
    <message>
        <source>A Dask scheduler (pip install &quot;optstudio[cluster]&quot;; every worker needs the same OptStudio and plugins; Dask runs the code it is sent: a trusted lab network only). Empty: this machine&apos;s cores.</source>
        <translation>Dask 调度器（pip install &quot;optstudio[cluster]&quot;；每个 worker 都需要相同的 OptStudio 和插件；Dask 会运行发给它的代码：只用于可信的实验室网络）。留空：使用本机的 CPU 核心。</translation>
    </message>
    <message>
        <source>Dask cluster</source>
        <translation>Dask 集群</translation>
    </message>
    <message>
        <source>colour =</source>
        <translation>着色依据：</translation>
    </message>
    <message>
        <source>▶ Start</source>
        <translation>▶ 开始</translation>
    </message>
    <message>
        <source>■ Stop</source>
        <translation>■ 停止</translation>
    </message>
    <message>
        <source>Save the heatmap as PNG or SVG</source>
        <translation>把热图保存为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>Save the sensitivity curves as PNG or SVG</source>
        <translation>把敏感度曲线保存为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>Save the table of runs as CSV</source>
        <translation>把运行表保存为 CSV</translation>
    </message>
    <message>
        <source>Heatmap…</source>
        <translation>热图…</translation>
    </message>
    <message>
        <source>Curves…</source>
        <translation>曲线…</translation>
    </message>
    <message>
        <source>Table…</source>
        <translation>表格…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>learning rate α</source>
        <translation>学习率 α</translation>
    </message>
    <message>
        <source>Each square: the median over the seeds (bright = better). Click a square to open its run in the Training tab. Below: the same against α, median line and min–max band over the seeds.</source>
        <translation>每个方格：各随机种子结果的中位数（越亮越好）。点击方格可在“训练”页打开它的运行。下方：同一指标随 α 的变化，中位数曲线及各随机种子的最小–最大范围带。</translation>
    </message>
    <message>
        <source>the sweep names optimizers no plugin provides: {names}</source>
        <translation>扫描中指定了没有插件提供的优化器：{names}</translation>
    </message>
    <message>
        <source>Waiting for the window&apos;s settings.</source>
        <translation>正在等待窗口的设置。</translation>
    </message>
    <message>
        <source>{count} optimizer</source>
        <translation>{count} 个优化器</translation>
    </message>
    <message>
        <source>{count} optimizers</source>
        <translation>{count} 个优化器</translation>
    </message>
    <message>
        <source>{count} seed</source>
        <translation>{count} 个随机种子</translation>
    </message>
    <message>
        <source>{count} seeds</source>
        <translation>{count} 个随机种子</translation>
    </message>
    <message>
        <source>{optimizers} × {rates} α × {seeds}{grid}: up to &lt;b&gt;{runs} runs&lt;/b&gt; of {epochs} epochs (mini-batches of {batch}; data, network and schedule from the left).</source>
        <translation>{optimizers} × {rates} 个 α × {seeds}{grid}：最多 &lt;b&gt;{runs} 次运行&lt;/b&gt;，每次 {epochs} 个 epoch（小批量大小 {batch}；数据、网络和学习率调度取自左侧）。</translation>
    </message>
    <message>
        <source>the window&apos;s settings are not ready yet</source>
        <translation>窗口的设置尚未就绪</translation>
    </message>
    <message>
        <source>Preparing the runs…</source>
        <translation>正在准备运行…</translation>
    </message>
    <message>
        <source>{done} of {total} runs</source>
        <translation>{done} / {total} 次运行</translation>
    </message>
    <message>
        <source> on the Dask cluster {cluster} ({workers} workers)</source>
        <translation>，在 Dask 集群 {cluster} 上（{workers} 个 worker）</translation>
    </message>
    <message>
        <source> on {processes} processes</source>
        <translation>，使用 {processes} 个进程</translation>
    </message>
    <message>
        <source>Training {count} runs{where}…</source>
        <translation>正在训练 {count} 次运行{where}…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source> · about {time} left</source>
        <translation> · 约剩 {time}</translation>
    </message>
    <message>
        <source>The sweep stopped: {message}</source>
        <translation>扫描已停止：{message}</translation>
    </message>
    <message>
        <source>Stopped: {done} of {total} runs finished and are kept.</source>
        <translation>已停止：{total} 次运行中已完成 {done} 次，结果已保留。</translation>
    </message>
    <message>
        <source>Done: {total} runs in {time}.</source>
        <translation>完成：{total} 次运行，用时 {time}。</translation>
    </message>
    <message>
        <source> (and {count} more)</source>
        <translation>（另有 {count} 次）</translation>
    </message>
    <message>
        <source>{count} run failed: {run}: {message}{more}</source>
        <translation>{count} 次运行失败：{run}：{message}{more}</translation>
    </message>
    <message>
        <source>{count} runs failed: {run}: {message}{more}</source>
        <translation>{count} 次运行失败：{run}：{message}{more}</translation>
    </message>
    <message>
        <source>Median {metric} over {count} seed</source>
        <translation>{count} 个随机种子上{metric}的中位数</translation>
    </message>
    <message>
        <source>Median {metric} over {count} seeds</source>
        <translation>{count} 个随机种子上{metric}的中位数</translation>
    </message>
    <message>
        <source>{metric} against α: median and min–max over the seeds</source>
        <translation>{metric}随 α 的变化：各随机种子的中位数与最小–最大范围</translation>
    </message>
    <message>
        <source>&lt;b&gt;Epochs to the target cost:&lt;/b&gt; write a target cost before Start.</source>
        <translation>&lt;b&gt;达到目标成本所需的 epoch 数：&lt;/b&gt;请在开始前填写目标成本。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Best:&lt;/b&gt; no run has finished yet.</source>
        <translation>&lt;b&gt;最佳：&lt;/b&gt;还没有运行完成。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Best:&lt;/b&gt; no run has a value for this measure yet.</source>
        <translation>&lt;b&gt;最佳：&lt;/b&gt;还没有运行得到这个指标的值。</translation>
    </message>
    <message>
        <source> (so far: {done} of {total} runs)</source>
        <translation>（目前：{done} / {total} 次运行）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Best: {configuration} at α = {rate}&lt;/b&gt; — median {metric} {value} over {count} seed{partial}.</source>
        <translation>&lt;b&gt;最佳：{configuration}，α = {rate}&lt;/b&gt; — {count} 个随机种子上{metric}的中位数为 {value}{partial}。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Best: {configuration} at α = {rate}&lt;/b&gt; — median {metric} {value} over {count} seeds{partial}.</source>
        <translation>&lt;b&gt;最佳：{configuration}，α = {rate}&lt;/b&gt; — {count} 个随机种子上{metric}的中位数为 {value}{partial}。</translation>
    </message>
    <message>
        <source>Opened {run} in the Training tab.</source>
        <translation>已在“训练”页打开 {run}。</translation>
    </message>
    <message>
        <source>Save the sweep&apos;s runs</source>
        <translation>保存扫描的运行</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Save the plot</source>
        <translation>保存图</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>已保存 {path}。</translation>
    </message>
    <message>
        <source>cannot write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} 秒</translation>
    </message>
    <message>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes} 分 {seconds} 秒</translation>
    </message>
</context>
</TS>
