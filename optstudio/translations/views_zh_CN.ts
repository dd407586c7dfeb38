<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CompareData</name>
    <message>
        <source>training cost J (all training examples, after each epoch)</source>
        <extracomment>the curves the view can show: record field -&gt; description (shown as ``translate(&quot;CompareData&quot;, text)``)</extracomment>
        <translation>训练成本 J（全部训练样本，每个 epoch 之后）</translation>
    </message>
    <message>
        <source>cost of the epoch&apos;s last mini-batch (what the notebook prints and plots)</source>
        <translation>每个 epoch 最后一个小批量的成本（课程 notebook 打印和绘制的就是它）</translation>
    </message>
    <message>
        <source>idle</source>
        <extracomment>what the table shows for a run&apos;s status and cost shape (the keys stay English in the code)</extracomment>
        <translation>空闲</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>正在开始</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>发散</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>smooth</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>oscillating</source>
        <translation>振荡</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>优化器</translation>
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
        <source>final cost</source>
        <translation>最终成本</translation>
    </message>
    <message>
        <source>cost shape</source>
        <translation>成本曲线形状</translation>
    </message>
    <message>
        <source>epochs to cost ≤ {target}</source>
        <translation>成本 ≤ {target} 所需 epoch 数</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>尚未达到</translation>
    </message>
    <message>
        <source>never</source>
        <translation>未达到</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Every run starts from the &lt;b&gt;same initial weights&lt;/b&gt; on the &lt;b&gt;same data&lt;/b&gt;: only the optimizer differs. Which cost falls fastest? Is it smooth or jumpy? (Choose the last mini-batch cost under the plot to see the notebook&apos;s oscillations.)</source>
        <translation>每次运行都在&lt;b&gt;相同的数据&lt;/b&gt;上从&lt;b&gt;相同的初始权重&lt;/b&gt;开始：只有优化器不同。哪条成本曲线下降得最快？它是平滑的还是跳动的？（在图下方选择最后一个小批量的成本，即可看到课程 notebook 中的振荡。）</translation>
    </message>
    <message>
        <source>Every run uses the &lt;b&gt;same data&lt;/b&gt; and, unless its “also:” line changes them, the &lt;b&gt;same initial weights and mini-batches&lt;/b&gt;: only the optimizer and what the “also:” lines say differ. Which cost falls fastest? Is it smooth or jumpy?</source>
        <translation>每次运行都使用&lt;b&gt;相同的数据&lt;/b&gt;，并且除非它的“另外：”一行改变了它们，也使用&lt;b&gt;相同的初始权重和小批量&lt;/b&gt;：只有优化器和“另外：”各行所写的内容不同。哪条成本曲线下降得最快？它是平滑的还是跳动的？</translation>
    </message>
    <message>
        <source>Decision boundary of each run: background = P(class 1) (red 0 … blue 1), dots = training points.</source>
        <translation>每次运行的决策边界：背景 = P(类别 1)（红 0 … 蓝 1），圆点 = 训练样本点。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>mini-batch size</source>
        <extracomment>the run-patch keys an &quot;also:&quot; line names</extracomment>
        <translation>小批量大小</translation>
    </message>
    <message>
        <source>initialisation</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>hidden layers</source>
        <translation>隐藏层</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>epoch 数</translation>
    </message>
    <message>
        <source>activations</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>The optimizer of this run (the list comes from the plugins).</source>
        <translation>这次运行的优化器（列表来自插件）。</translation>
    </message>
    <message>
        <source>Learning rate α of this run. The notebook uses the same α = 0.0007 for all three optimizers.</source>
        <translation>这次运行的学习率 α。课程 notebook 对三种优化器都使用相同的 α = 0.0007。</translation>
    </message>
    <message>
        <source>Remove this configuration</source>
        <translation>删除这个配置</translation>
    </message>
    <message>
        <source>Stop this run now (the others go on); its curve and table row keep what it reached.</source>
        <translation>立即停止这次运行（其他运行继续）；它的曲线和表格行保留已达到的结果。</translation>
    </message>
    <message>
        <source>hyperparameters</source>
        <translation>超参数</translation>
    </message>
    <message>
        <source>How α changes during training (learning-rate decay).</source>
        <translation>训练过程中 α 如何变化（学习率衰减）。</translation>
    </message>
    <message>
        <source>schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>also: {changes}</source>
        <translation>另外：{changes}</translation>
    </message>
    <message>
        <source>What this run changes in the shared settings (from the lab file).</source>
        <translation>这次运行对共享设置所做的更改（来自实验文件）。</translation>
    </message>
    <message>
        <source>unknown optimizer {name} (available: {names})</source>
        <translation>未知的优化器 {name}（可用：{names}）</translation>
    </message>
    <message>
        <source>unknown schedule {name} (available: {names})</source>
        <translation>未知的学习率调度 {name}（可用：{names}）</translation>
    </message>
    <message>
        <source>▶ Start</source>
        <translation>▶ 开始</translation>
    </message>
    <message>
        <source>Train every configuration on the same data from the same initial weights, all at the same time.</source>
        <translation>在相同的数据上、从相同的初始权重同时训练所有配置。</translation>
    </message>
    <message>
        <source>■ Stop</source>
        <translation>■ 停止</translation>
    </message>
    <message>
        <source>Stop all runs now (the curves and table keep what was reached).</source>
        <translation>立即停止所有运行（曲线和表格保留已达到的结果）。</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause all runs (press again to continue).</source>
        <translation>暂停所有运行（再按一次继续）。</translation>
    </message>
    <message>
        <source>Epochs for every run (the notebook trains 10000; 2000 is enough to see the difference).</source>
        <translation>每次运行的 epoch 数（课程 notebook 训练 10000 个；2000 个已足以看出差别）。</translation>
    </message>
    <message>
        <source>The table counts the epochs each run needed to bring the plotted cost down to this value.</source>
        <translation>表格统计每次运行把所绘制的成本降到这个值所需的 epoch 数。</translation>
    </message>
    <message>
        <source>Export table (CSV)…</source>
        <translation>导出表格（CSV）…</translation>
    </message>
    <message>
        <source>Save the summary table as a CSV file (opens in any spreadsheet).</source>
        <translation>把汇总表保存为 CSV 文件（可用任何电子表格软件打开）。</translation>
    </message>
    <message>
        <source>Export figure (PNG)…</source>
        <translation>导出图像（PNG）…</translation>
    </message>
    <message>
        <source>Save this whole view (curves, boundaries, table) as a PNG image.</source>
        <translation>把整个视图（曲线、决策边界、表格）保存为 PNG 图片。</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>epoch 数</translation>
    </message>
    <message>
        <source>Target cost</source>
        <translation>目标成本</translation>
    </message>
    <message>
        <source>+ Add configuration</source>
        <translation>+ 添加配置</translation>
    </message>
    <message>
        <source>Add another optimizer / learning rate / schedule to the comparison.</source>
        <translation>在比较中再添加一个优化器 / 学习率 / 学习率调度。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Configurations&lt;/b&gt;</source>
        <translation>&lt;b&gt;配置&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Cost per epoch</source>
        <translation>每个 epoch 的成本</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>epoch</translation>
    </message>
    <message>
        <source>cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>Logarithmic cost axis: small late improvements stay visible.</source>
        <translation>对数成本轴：后期的微小改进也清晰可见。</translation>
    </message>
    <message>
        <source>Which cost to plot. The notebook plots the last mini-batch&apos;s cost, which jumps up and down because some mini-batches are harder than others.</source>
        <translation>要绘制哪种成本。课程 notebook 绘制的是最后一个小批量的成本，它会上下跳动，因为有些小批量比其他的更难。</translation>
    </message>
    <message>
        <source>Like the notebook&apos;s table. Cost shape and epochs-to-target are measured on the plotted cost curve.</source>
        <translation>与课程 notebook 中的表格相同。成本曲线形状和达到目标所需的 epoch 数都是在所绘制的成本曲线上测量的。</translation>
    </message>
    <message>
        <source>Shared by every run: data “{data}”, hidden layers [{hidden}] ({activations}), mini-batch {batch}, seed {seed}: the same data and the same initial weights for all.</source>
        <translation>所有运行共享：数据“{data}”，隐藏层 [{hidden}]（{activations}），小批量 {batch}，随机种子 {seed}：所有运行使用相同的数据和相同的初始权重。</translation>
    </message>
    <message>
        <source>Add at least one configuration.</source>
        <translation>请至少添加一个配置。</translation>
    </message>
    <message>
        <source>Training {count} configurations at the same time…</source>
        <translation>正在同时训练 {count} 个配置…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Paused: press Continue to go on, Stop to end the runs.</source>
        <translation>已暂停：按“继续”接着训练，按“停止”结束运行。</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
    <message>
        <source>Decision regions of each run: background = the class the network predicts, dots = training points (colour = true class).</source>
        <translation>每次运行的决策区域：背景 = 网络预测的类别，圆点 = 训练样本点（颜色 = 真实类别）。</translation>
    </message>
    <message>
        <source>The decision boundaries are drawn for data with two input features only.</source>
        <translation>只有输入特征为两个的数据才会绘制决策边界。</translation>
    </message>
    <message>
        <source>Training… epoch {epoch} of {epochs}</source>
        <translation>正在训练… 第 {epoch} / {epochs} 个 epoch</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation>{first} 和 {second}</translation>
    </message>
    <message>
        <source>The curves of {pairs} almost coincide (one hides the other).</source>
        <translation>{pairs} 的曲线几乎重合（一条遮住了另一条）。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Export the comparison table</source>
        <translation>导出比较表格</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>Table saved to {path}.</source>
        <translation>表格已保存到 {path}。</translation>
    </message>
    <message>
        <source>Save the comparison as a picture</source>
        <translation>把比较保存为图片</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Picture saved to {path}.</source>
        <translation>图片已保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>EwaView</name>
    <message>
        <source>Daily temperature θ_t and its exponentially weighted averages v_t</source>
        <translation>每日气温 θ_t 及其指数加权平均 v_t</translation>
    </message>
    <message>
        <source>day t</source>
        <translation>第 t 天</translation>
    </message>
    <message>
        <source>temperature (°C)</source>
        <translation>气温 (°C)</translation>
    </message>
    <message>
        <source>θ_t: the day&apos;s temperature</source>
        <translation>θ_t：当天的气温</translation>
    </message>
    <message>
        <source>β = {beta} (≈ {days} days)</source>
        <translation>β = {beta}（≈ {days} 天）</translation>
    </message>
    <message>
        <source>β of the slider</source>
        <translation>滑块的 β</translation>
    </message>
    <message>
        <source>Weight of each past day in v₁₀₀</source>
        <translation>过去每一天在 v₁₀₀ 中的权重</translation>
    </message>
    <message>
        <source>days ago</source>
        <translation>几天前</translation>
    </message>
    <message>
        <source>weight (1 − β)·β^k</source>
        <translation>权重 (1 − β)·β^k</translation>
    </message>
    <message>
        <source>β: how much of yesterday&apos;s average is kept. Close to 1 = a long, smooth, late average; close to 0 = follows every wiggle.</source>
        <translation>β：保留多少昨天的平均值。接近 1 = 覆盖时间长、平滑但滞后的平均；接近 0 = 紧跟每一次波动。</translation>
    </message>
    <message>
        <source>bias correction  v_t / (1 − β^t)</source>
        <translation>偏差修正  v_t / (1 − β^t)</translation>
    </message>
    <message>
        <source>v_0 = 0 makes the first averages far too small (the average starts from zero). Dividing by 1 − β^t fixes the start; for large t it changes nothing.</source>
        <translation>v_0 = 0 使最初的平均值远远偏小（平均从零开始）。除以 1 − β^t 修正了开始阶段；当 t 较大时它几乎不起作用。</translation>
    </message>
    <message>
        <source>Seed of the noise: another seed gives another year of weather.</source>
        <translation>噪声的随机种子：换一个随机种子就得到另一年的天气。</translation>
    </message>
    <message>
        <source>noise seed</source>
        <translation>噪声随机种子</translation>
    </message>
    <message>
        <source>same β without bias correction</source>
        <translation>相同 β，不做偏差修正</translation>
    </message>
    <message>
        <source>β = {beta} (slider, ≈ {days} days)</source>
        <translation>β = {beta}（滑块，≈ {days} 天）</translation>
    </message>
    <message>
        <source> &lt;b&gt;Bias correction on&lt;/b&gt;: day 1&apos;s average is θ_1 = {theta} °C itself, not (1 − β)·θ_1 = {start} °C (dotted line: without correction).</source>
        <translation>&lt;b&gt;已开启偏差修正&lt;/b&gt;：第 1 天的平均值就是 θ_1 = {theta} °C 本身，而不是 (1 − β)·θ_1 = {start} °C（虚线：未修正）。</translation>
    </message>
    <message>
        <source> &lt;b&gt;Without bias correction&lt;/b&gt; the average starts from v_0 = 0, so the first days are far too cold: v_1 = (1 − β)·θ_1 = {start} °C while θ_1 = {theta} °C. Tick “bias correction” to fix it.</source>
        <translation>&lt;b&gt;不做偏差修正&lt;/b&gt;时，平均从 v_0 = 0 开始，所以最初几天的值远远偏冷：v_1 = (1 − β)·θ_1 = {start} °C，而 θ_1 = {theta} °C。勾选“偏差修正”即可修正。</translation>
    </message>
    <message>
        <source>With β = 0 there is no averaging at all: v_t is just today&apos;s value θ_t.</source>
        <translation>β = 0 时完全没有平均：v_t 就是当天的值 θ_t。</translation>
    </message>
    <message>
        <source>With β = {beta} the average mostly covers the last 1/(1 − β) ≈ {days} days: a value {days} days old is weighted by β^{days} ≈ {weight} of today&apos;s (close to 1/e ≈ 0.37 when β is near 1), and older values count less and less.</source>
        <translation>β = {beta} 时，指数加权平均大致覆盖最近 1/(1 − β) ≈ {days} 天：{days} 天前的值的权重是当天的 β^{days} ≈ {weight} 倍（β 接近 1 时约为 1/e ≈ 0.37），更早的值权重越来越小。</translation>
    </message>
</context>
<context>
    <name>InsideView</name>
    <message>
        <source>Learning rate of each parameter</source>
        <translation>每个参数的学习率</translation>
    </message>
    <message>
        <source>effective learning rate (log scale)</source>
        <translation>有效学习率（对数刻度）</translation>
    </message>
    <message>
        <source>number of parameters</source>
        <translation>参数个数</translation>
    </message>
    <message>
        <source>Size of the gradient and of the velocity</source>
        <translation>梯度和速度的大小</translation>
    </message>
    <message>
        <source>size (Euclidean norm)</source>
        <translation>大小（欧几里得范数）</translation>
    </message>
    <message>
        <source>‖dW‖ gradient (last mini-batch)</source>
        <translation>‖dW‖ 梯度（最后一个小批量）</translation>
    </message>
    <message>
        <source>‖v‖ velocity</source>
        <translation>‖v‖ 速度</translation>
    </message>
    <message>
        <source>‖dW‖: gradient of the last mini-batch</source>
        <translation>‖dW‖：最后一个小批量的梯度</translation>
    </message>
    <message>
        <source>‖v‖: velocity (average of recent dW)</source>
        <translation>‖v‖：速度（最近 dW 的平均）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Inside the optimizer&lt;/b&gt;</source>
        <translation>&lt;b&gt;优化器内部&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Train a network (or pause a running training) to see, for every parameter, the step size the optimizer uses and how its velocity compares with the gradient.</source>
        <translation>训练一个网络（或暂停正在进行的训练），即可看到优化器对每个参数使用的步长，以及速度与梯度相比如何。</translation>
    </message>
    <message>
        <source>epoch {epoch}</source>
        <translation>epoch {epoch}</translation>
    </message>
    <message>
        <source>update {step}</source>
        <translation>第 {step} 次更新</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>&lt;b&gt;Inside {optimizer}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{optimizer} 内部&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Learning rate of each parameter: α/(√ŝ + ε)</source>
        <translation>每个参数的学习率：α/(√ŝ + ε)</translation>
    </message>
    <message>
        <source>Learning rate of each parameter: the same α for all</source>
        <translation>每个参数的学习率：全部使用相同的 α</translation>
    </message>
    <message>
        <source>the optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>layer {layer}</source>
        <translation>第 {layer} 层</translation>
    </message>
    <message>
        <source>{group} ({count} parameters)</source>
        <translation>{group}（{count} 个参数）</translation>
    </message>
    <message>
        <source>Size of the gradient</source>
        <translation>梯度的大小</translation>
    </message>
    <message>
        <source> Here they range from {low} to {high} (median {median}, {ratio} × α).</source>
        <translation>这里它们从 {low} 到 {high}（中位数 {median}，{ratio} × α）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;One learning rate per parameter:&lt;/b&gt; {optimizer} divides α by the root of each parameter&apos;s recent squared gradients, α/(√ŝ + ε). Parameters with small gradients get larger steps, those with large or oscillating gradients smaller ones; plain gradient descent would use α = {alpha} (dashed line) for all {count} parameters.{spread}</source>
        <translation>&lt;b&gt;每个参数各有一个学习率：&lt;/b&gt;{optimizer} 用每个参数最近梯度平方的平均的平方根去除 α，即 α/(√ŝ + ε)。梯度小的参数得到较大的步长，梯度大或振荡的参数得到较小的步长；普通梯度下降对全部 {count} 个参数都使用 α = {alpha}（虚线）。{spread}</translation>
    </message>
    <message>
        <source>smaller than</source>
        <translation>小于</translation>
    </message>
    <message>
        <source>about as large as</source>
        <translation>大约等于</translation>
    </message>
    <message>
        <source>larger than</source>
        <translation>大于</translation>
    </message>
    <message>
        <source>&lt;b&gt;Every parameter uses the same α = {alpha}&lt;/b&gt; (left), but {optimizer} steps along the velocity v, an exponentially weighted average of the recent gradients. Here ‖v‖ is {how} ‖dW‖ (median ratio {ratio}): gradient components that keep changing sign cancel out in v, which smooths the path and damps oscillations.</source>
        <translation>&lt;b&gt;每个参数都使用相同的 α = {alpha}&lt;/b&gt;（左图），但 {optimizer} 沿速度 v 更新，v 是最近梯度的指数加权平均。这里 ‖v‖ {how} ‖dW‖（比值中位数 {ratio}）：不断改变符号的梯度分量在 v 中相互抵消，使路径更平滑并减小振荡。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Every parameter uses the same learning rate α = {alpha}&lt;/b&gt; (all {count} in one bar on the left): {optimizer} simply steps by α·dW, so the step is large wherever the gradient is large (right). Adaptive methods such as Adam give each parameter its own step size.</source>
        <translation>&lt;b&gt;每个参数都使用相同的学习率 α = {alpha}&lt;/b&gt;（全部 {count} 个参数在左图的同一根柱中）：{optimizer} 直接按 α·dW 更新，所以梯度大的地方步长就大（右图）。Adam 等自适应方法给每个参数各自的步长。</translation>
    </message>
</context>
<context>
    <name>SchedulePreview</name>
    <message>
        <source>How α changes during training (learning-rate decay).</source>
        <extracomment>at most this many samples are computed (per-step schedules fall back to one sample per epoch) extra per-step samples (at random steps) for the envelope of a subsampled per-step schedule</extracomment>
        <translation>训练过程中 α 如何变化（学习率衰减）。</translation>
    </message>
    <message>
        <source>must be &gt; 0</source>
        <translation>必须 &gt; 0</translation>
    </message>
    <message>
        <source>α0: the learning rate the schedule starts from.</source>
        <translation>α0：学习率调度开始时的学习率。</translation>
    </message>
    <message>
        <source>The number of epochs of the planned training.</source>
        <translation>计划训练的 epoch 数。</translation>
    </message>
    <message>
        <source>Mini-batch steps per epoch (⌈examples / mini-batch size⌉): matters for schedules recomputed before every step.</source>
        <translation>每个 epoch 的小批量步数（⌈样本数 / 小批量大小⌉）：对每一步之前都重新计算的学习率调度有影响。</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>Logarithmic α axis: exponential decay becomes a straight line.</source>
        <translation>对数 α 轴：指数衰减变成一条直线。</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>epoch 数</translation>
    </message>
    <message>
        <source>Steps per epoch</source>
        <translation>每个 epoch 的步数</translation>
    </message>
    <message>
        <source>Learning rate α during training</source>
        <translation>训练过程中的学习率 α</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>epoch</translation>
    </message>
    <message>
        <source>the schedule gives α = {rate} at epoch {epoch}; it must be a positive number</source>
        <translation>该学习率调度在 epoch {epoch} 给出 α = {rate}；它必须是正数</translation>
    </message>
    <message>
        <source>α is recomputed once per epoch.</source>
        <translation>α 每个 epoch 重新计算一次。</translation>
    </message>
    <message>
        <source>α is recomputed before every mini-batch step.</source>
        <translation>α 在每个小批量步之前重新计算。</translation>
    </message>
    <message>
        <source>{description} ({recomputed})</source>
        <translation>{description}（{recomputed}）</translation>
    </message>
    <message>
        <source>(the plugin gives no formula)</source>
        <translation>（插件没有给出公式）</translation>
    </message>
    <message>
        <source>epoch (one point per step)</source>
        <translation>epoch（每步一个点）</translation>
    </message>
    <message>
        <source>{count} mini-batch steps</source>
        <translation>{count} 个小批量步</translation>
    </message>
    <message>
        <source>{count} mini-batch step</source>
        <translation>{count} 个小批量步</translation>
    </message>
    <message>
        <source>Schedule &lt;b&gt;{schedule}&lt;/b&gt;, α0 = &lt;b&gt;{alpha}&lt;/b&gt;, &lt;b&gt;{epochs}&lt;/b&gt; epochs of {steps}: the settings under “Optimizer and training” on the left. Change them there and the curve follows.</source>
        <translation>学习率调度 &lt;b&gt;{schedule}&lt;/b&gt;，α0 = &lt;b&gt;{alpha}&lt;/b&gt;，&lt;b&gt;{epochs}&lt;/b&gt; 个 epoch，每个 {steps}：即左侧“优化器与训练”下的设置。在那里修改，曲线随之变化。</translation>
    </message>
    <message>
        <source>α starts at &lt;b&gt;{first}&lt;/b&gt; and is &lt;b&gt;{last}&lt;/b&gt; in the last epoch ({percent} % of α0 = {alpha0}).</source>
        <translation>α 从 &lt;b&gt;{first}&lt;/b&gt; 开始，在最后一个 epoch 为 &lt;b&gt;{last}&lt;/b&gt;（α0 = {alpha0} 的 {percent} %）。</translation>
    </message>
    <message>
        <source> It is halved by epoch {epoch}.</source>
        <translation>到 epoch {epoch} 时减半。</translation>
    </message>
    <message>
        <source> &lt;i&gt;Before training this schedule does not change α: it reacts to the cost during training (here the cost is not known yet).&lt;/i&gt;</source>
        <translation>&lt;i&gt;训练前这个学习率调度不会改变 α：它在训练中根据成本作出反应（这里还不知道成本）。&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>TrajectoryView</name>
    <message>
        <source>Elongated ellipse</source>
        <extracomment>steps that show each function&apos;s lesson learning rates for adaptive optimizers (one step size per parameter, roughly α per step) rates for the others (plain GD and momentum-type): the function&apos;s suggested rate built-in optimizers whose lesson needs another rate on a function momentum in the &quot;sum&quot; form takes steps about 1/(1 − β) = 10 times larger: a tenth of the rate the test functions&apos; descriptive names and lessons (optstudio.core.functions2d), for the translation (shown with ``translate(&quot;TrajectoryView&quot;, fn.label)``: a text changed in the core is simply shown in English)</extracomment>
        <translation>狭长椭圆</translation>
    </message>
    <message>
        <source>The lecture&apos;s elongated contours: with a large α (try 0.9) gradient descent zig-zags across the narrow y direction while crawling along x; momentum and Adam damp the zig-zag.</source>
        <translation>课上讲的狭长等高线：α 较大时（试试 0.9），梯度下降在狭窄的 y 方向上来回振荡，而沿 x 方向却进展缓慢；动量和 Adam 能减小这种振荡。</translation>
    </message>
    <message>
        <source>Rosenbrock valley</source>
        <translation>Rosenbrock 山谷</translation>
    </message>
    <message>
        <source>A curved, flat-bottomed valley: reaching it is easy, but following it to the minimum at (1, 1) takes plain gradient descent thousands of steps.</source>
        <translation>一条弯曲、谷底平坦的山谷：到达谷底很容易，但普通梯度下降要沿着它走到 (1, 1) 处的最小值需要几千步。</translation>
    </message>
    <message>
        <source>Steep walls and a flat floor: the gradient is huge in some places and tiny in others, which is where per-parameter step sizes (RMSprop, Adam) help.</source>
        <translation>陡峭的谷壁和平坦的谷底：梯度在有些地方极大，在另一些地方极小，这正是每个参数各有步长（RMSprop、Adam）发挥作用的地方。</translation>
    </message>
    <message>
        <source>Saddle point</source>
        <translation>鞍点</translation>
    </message>
    <message>
        <source>A saddle point at (0, 0): the gradient almost vanishes there, so gradient descent stalls before the tiny y offset grows and it escapes (f has no minimum).</source>
        <translation>(0, 0) 处的鞍点：那里梯度几乎为零，所以梯度下降会停滞，直到微小的 y 偏移增大后才能逃离（f 没有最小值）。</translation>
    </message>
    <message>
        <source>Many local minima on a bowl: gradient descent stops in the nearest dip; only the global minimum (0, 0) has f = 0.</source>
        <translation>碗状曲面上有许多局部最优：梯度下降停在最近的凹处；只有全局最小值 (0, 0) 处 f = 0。</translation>
    </message>
    <message>
        <source>Hyperparameters: the plugin&apos;s defaults.</source>
        <translation>超参数：插件的默认值。</translation>
    </message>
    <message>
        <source>must be &gt; 0</source>
        <translation>必须 &gt; 0</translation>
    </message>
    <message>
        <source>Learning rate α of {optimizer}.</source>
        <translation>{optimizer} 的学习率 α。</translation>
    </message>
    <message>
        <source> Adaptive method: each coordinate moves by about α per step.</source>
        <translation>自适应方法：每个坐标每步大约移动 α。</translation>
    </message>
    <message>
        <source>The function f(x, y) the optimizers minimise.</source>
        <translation>优化器要最小化的函数 f(x, y)。</translation>
    </message>
    <message>
        <source>{axis} of the start point. Or click on the plot.</source>
        <translation>起点的 {axis} 坐标。也可以在图上点击。</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>How many updates each optimizer makes.</source>
        <translation>每个优化器进行多少次更新。</translation>
    </message>
    <message>
        <source>Standard deviation of random noise added to every gradient, to mimic mini-batch gradients (0 = exact gradient, like batch gradient descent).</source>
        <translation>加到每个梯度上的随机噪声的标准差，用来模拟小批量梯度（0 = 精确梯度，如批量梯度下降）。</translation>
    </message>
    <message>
        <source>Seed of the gradient noise: the same seed gives the same noise to every optimizer and the same paths again.</source>
        <translation>梯度噪声的随机种子：相同的随机种子给每个优化器相同的噪声，并再次得到相同的路径。</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Gradient noise σ</source>
        <translation>梯度噪声 σ</translation>
    </message>
    <message>
        <source>Noise seed</source>
        <translation>噪声随机种子</translation>
    </message>
    <message>
        <source>&lt;b&gt;Function&lt;/b&gt;</source>
        <translation>&lt;b&gt;函数&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Start point&lt;/b&gt; (click on the plot)</source>
        <translation>&lt;b&gt;起点&lt;/b&gt;（在图上点击）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Optimizers&lt;/b&gt;</source>
        <translation>&lt;b&gt;优化器&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Click to choose the start point. Drag to pan, wheel to zoom.</source>
        <translation>点击选择起点。拖动以平移，滚轮缩放。</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <source>Animate the optimizers step by step.</source>
        <translation>逐步播放各优化器的动画。</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Back to the start point.</source>
        <translation>回到起点。</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结尾</translation>
    </message>
    <message>
        <source>Show the whole paths.</source>
        <translation>显示完整路径。</translation>
    </message>
    <message>
        <source>Animation speed (steps per second).</source>
        <translation>动画速度（每秒步数）。</translation>
    </message>
    <message>
        <source>speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Minimum: {minima} (★).</source>
        <translation>最小值：{minima}（★）。</translation>
    </message>
    <message>
        <source>{optimizer}: learning rate {problem}</source>
        <translation>{optimizer}：学习率{problem}</translation>
    </message>
    <message>
        <source>✕ diverged at step {step}</source>
        <translation>✕ 在第 {step} 步发散</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>{rate} steps/s</source>
        <translation>{rate} 步/秒</translation>
    </message>
    <message>
        <source>step {step} / {steps}</source>
        <translation>第 {step} / {steps} 步</translation>
    </message>
    <message>
        <source>The start point must be two numbers x, y.</source>
        <translation>起点必须是两个数 x、y。</translation>
    </message>
    <message>
        <source>Check at least one optimizer.</source>
        <translation>请至少勾选一个优化器。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{optimizer}&lt;/b&gt;: {message}</source>
        <translation>&lt;b&gt;{optimizer}&lt;/b&gt;：{message}</translation>
    </message>
    <message>
        <source>Each optimizer starts at ○ and takes the same number of steps; click anywhere on the plot to start from there. </source>
        <translation>每个优化器都从 ○ 出发，走相同的步数；在图上任意位置点击即可从那里出发。</translation>
    </message>
    <message>
        <source>Noise σ = {noise} is added to every gradient, like a mini-batch estimate. </source>
        <translation>每个梯度都加上了 σ = {noise} 的噪声，就像小批量估计一样。</translation>
    </message>
</context>
<context>
    <name>ViewsCommon</name>
    <message>
        <source>cannot write the image {path}</source>
        <extracomment>one colour per run / optimizer (clearly different on white, not the class red/blue of the data)</extracomment>
        <translation>无法写入图片 {path}</translation>
    </message>
</context>
</TS>
