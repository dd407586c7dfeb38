<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CompareSync</name>
    <message>
        <source>Press ▶ Start to train the {count} configurations of “{title}” side by side.</source>
        <translation>按 ▶ 开始，并排训练“{title}”的 {count} 个配置。</translation>
    </message>
    <message>
        <source>the experiment</source>
        <translation>该实验设置</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>per epoch</source>
        <translation>每个 epoch</translation>
    </message>
    <message>
        <source>per step</source>
        <translation>每步</translation>
    </message>
    <message>
        <source>built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>Plugins</source>
        <translation>插件</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>hyperparameters</source>
        <translation>超参数</translation>
    </message>
    <message>
        <source>source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>α computed</source>
        <translation>α 的计算</translation>
    </message>
    <message>
        <source>plugin</source>
        <translation>插件</translation>
    </message>
    <message>
        <source>file:line</source>
        <translation>文件:行</translation>
    </message>
    <message>
        <source>problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Optimizers ({count})</source>
        <translation>优化器（{count}）</translation>
    </message>
    <message>
        <source>Schedules ({count})</source>
        <translation>学习率调度（{count}）</translation>
    </message>
    <message>
        <source>Errors ({count})</source>
        <translation>错误（{count}）</translation>
    </message>
    <message>
        <source>Drop a plugin file (*.py) into one of these folders and restart OptStudio: {folders}. Extra folders: the OPTSTUDIO_PLUGIN_PATH environment variable.</source>
        <translation>把插件文件（*.py）放入以下任一文件夹并重启 OptStudio：{folders}。其他文件夹：用环境变量 OPTSTUDIO_PLUGIN_PATH 指定。</translation>
    </message>
    <message>
        <source>No plugin errors.</source>
        <translation>没有插件错误。</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#c62828&apos;&gt;{count} plugin error(s)&lt;/b&gt;: those plugins (or parts of them) were not loaded; everything else works.</source>
        <translation>&lt;b style=&apos;color:#c62828&apos;&gt;{count} 个插件错误&lt;/b&gt;：这些插件（或其中一部分）没有加载；其他一切正常。</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>what it does</source>
        <translation>作用</translation>
    </message>
    <message>
        <source>Shortcuts work when the cursor is not in a text field.</source>
        <translation>光标不在文本框中时快捷键才起作用。</translation>
    </message>
    <message>
        <source>a comparison of {count} runs (tab “Compare optimizers”)</source>
        <translation>{count} 次运行的比较（“比较优化器”标签页）</translation>
    </message>
    <message>
        <source>optimizer paths on 2-D functions (tab “Trajectories (2-D)”)</source>
        <translation>优化器在二维函数上的路径（“轨迹（2-D）”标签页）</translation>
    </message>
    <message>
        <source>one training run (tab “Training”)</source>
        <translation>一次训练运行（“训练”标签页）</translation>
    </message>
    <message>
        <source>Open lab</source>
        <translation>打开实验课</translation>
    </message>
    <message>
        <source>lab</source>
        <translation>实验课</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Double-click a lab to open it.</source>
        <translation>双击实验课即可打开。</translation>
    </message>
    <message>
        <source>Ready-made experiments with instructions. Choose one and press Open: its settings replace the current ones.</source>
        <translation>带说明的现成实验。选择一个并按“打开”：它的设置将替换当前设置。</translation>
    </message>
    <message>
        <source>No bundled labs were found.</source>
        <translation>没有找到内置的实验课。</translation>
    </message>
    <message>
        <source>Cannot read this lab: {problem}</source>
        <translation>无法读取此实验课：{problem}</translation>
    </message>
    <message>
        <source>Opens {what}.</source>
        <translation>打开后显示：{what}。</translation>
    </message>
    <message>
        <source>(no instructions)</source>
        <translation>（没有说明）</translation>
    </message>
    <message>
        <source>&lt;p&gt;See how neural networks are optimised: gradient descent, momentum, RMSprop, Adam and more, live on your data.&lt;/p&gt;&lt;p&gt;Choose data, build a network, pick an optimizer and press &lt;b&gt;Start&lt;/b&gt;. The decision boundary, the cost and the accuracy update as the network learns. Change α or the optimizer while paused and continue to see the effect.&lt;/p&gt;&lt;p&gt;Optimizers and schedules are plugins: see Help ▸ Plugins and plugin errors….&lt;/p&gt;</source>
        <translation>&lt;p&gt;观察神经网络如何被优化：梯度下降、动量、RMSprop、Adam 等，在你的数据上实时呈现。&lt;/p&gt;&lt;p&gt;选择数据、搭建网络、选一个优化器，然后按&lt;b&gt;开始&lt;/b&gt;。决策边界、成本和准确率会随着网络的学习而更新。暂停时修改 α 或优化器，再继续训练即可看到效果。&lt;/p&gt;&lt;p&gt;优化器和学习率调度都是插件：见 帮助 ▸ 插件与插件错误…。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ExperimentFiles</name>
    <message>
        <source>OptStudio experiments (*.json *.toml);;JSON (*.json);;TOML (*.toml)</source>
        <translation>OptStudio 实验设置 (*.json *.toml);;JSON (*.json);;TOML (*.toml)</translation>
    </message>
    <message>
        <source>run {number} ({label})</source>
        <translation>第 {number} 次运行（{label}）</translation>
    </message>
    <message>
        <source>run {number}</source>
        <translation>第 {number} 次运行</translation>
    </message>
    <message>
        <source>Open experiment</source>
        <translation>打开实验设置</translation>
    </message>
    <message>
        <source>Cannot open the experiment</source>
        <translation>无法打开实验设置</translation>
    </message>
    <message>
        <source>Opened {path}</source>
        <translation>已打开 {path}</translation>
    </message>
    <message>
        <source>Cannot open the lab</source>
        <translation>无法打开实验课</translation>
    </message>
    <message>
        <source>Opened the lab {name}</source>
        <translation>已打开实验课 {name}</translation>
    </message>
    <message>
        <source>Save experiment</source>
        <translation>保存实验设置</translation>
    </message>
    <message>
        <source>Cannot save yet</source>
        <translation>暂时无法保存</translation>
    </message>
    <message>
        <source>Some fields are not valid:</source>
        <translation>有些字段无效：</translation>
    </message>
    <message>
        <source>Cannot save the experiment</source>
        <translation>无法保存实验设置</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Cannot export the plot</source>
        <translation>无法导出图表</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>导出历史记录</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
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
        <source>Cannot export the history</source>
        <translation>无法导出历史记录</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>schedule {name}</source>
        <translation>学习率调度 {name}</translation>
    </message>
</context>
<context>
    <name>LabEditor</name>
    <message>
        <source>1. Press Start and watch the cost.
2. Change the learning rate α and train again.

**What to look for:** …</source>
        <translation>1. 按“开始”，观察成本。
2. 修改学习率 α，再训练一次。

**注意观察：** …</translation>
    </message>
    <message>
        <source>a lab needs a title (it heads the instructions and the window)</source>
        <translation>实验课需要一个标题（显示在说明的开头和窗口标题中）</translation>
    </message>
    <message>
        <source>The data is the file {file}: every student needs it at that same path. A generated or bundled data set ({examples}, …) travels with the lab.</source>
        <translation>数据是文件 {file}：每个学生都需要在同一路径下有这个文件。生成的或内置的数据集（{examples}, …）会随实验课一起分发。</translation>
    </message>
    <message>
        <source>The optimizer {name} comes from a plugin ({source}): every student needs it too.</source>
        <translation>优化器 {name} 来自插件（{source}）：每个学生也都需要这个插件。</translation>
    </message>
    <message>
        <source>The schedule {name} comes from a plugin ({source}): every student needs it too.</source>
        <translation>学习率调度 {name} 来自插件（{source}）：每个学生也都需要这个插件。</translation>
    </message>
    <message>
        <source>Save as lab</source>
        <translation>另存为实验课</translation>
    </message>
    <message>
        <source>e.g. Lab 3: the learning rate</source>
        <translation>例如：实验课 3：学习率</translation>
    </message>
    <message>
        <source>Markdown: **bold**, *italic*, numbered lists 1. 2. 3., `code`, blank lines between paragraphs</source>
        <translation>Markdown：**粗体**、*斜体*、编号列表 1. 2. 3.、`代码`，段落之间空一行</translation>
    </message>
    <message>
        <source>How students see it (the Instructions section of the window)</source>
        <translation>学生看到的样子（窗口中的“说明”部分）</translation>
    </message>
    <message>
        <source>Fixed settings (students cannot change them)</source>
        <translation>固定的设置（学生无法修改）</translation>
    </message>
    <message>
        <source>In the lab file: {entry}</source>
        <translation>写入实验文件的内容：{entry}</translation>
    </message>
    <message>
        <source>Hidden views</source>
        <translation>隐藏的视图</translation>
    </message>
    <message>
        <source>This lab&apos;s runs are shown there: it stays</source>
        <translation>此实验课的运行显示在这里：它会保留</translation>
    </message>
    <message>
        <source>This lab&apos;s {section} section is shown there: it stays</source>
        <translation>此实验课的 {section} 部分显示在这里：它会保留</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Instructions (Markdown):</source>
        <translation>说明（Markdown）：</translation>
    </message>
    <message>
        <source>Save lab…</source>
        <translation>保存实验课…</translation>
    </message>
    <message>
        <source>Some fields of the window are not valid: {errors}</source>
        <translation>窗口中有些字段无效：{errors}</translation>
    </message>
    <message>
        <source>Cannot write {path}: {problem}</source>
        <translation>无法写入 {path}：{problem}</translation>
    </message>
    <message>
        <source>Saved the lab {path}: students open it with File ▸ Open lab… (or `optstudio lab {name}`)</source>
        <translation>已保存实验课 {path}：学生用 文件 ▸ 打开实验课… 打开它（或 `optstudio lab {name}`）</translation>
    </message>
    <message>
        <source>Save lab</source>
        <translation>保存实验课</translation>
    </message>
    <message>
        <source>OptStudio lab (*.json)</source>
        <translation>OptStudio 实验课 (*.json)</translation>
    </message>
</context>
<context>
    <name>LabLock</name>
    <message>
        <source>the dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>the network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>the hidden layers</source>
        <translation>隐藏层</translation>
    </message>
    <message>
        <source>the loss and output activation</source>
        <translation>损失和输出激活函数</translation>
    </message>
    <message>
        <source>the initialisation</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>L2 λ</source>
        <translation>L2 λ</translation>
    </message>
    <message>
        <source>the optimizer, its hyperparameters and α</source>
        <translation>优化器、其超参数和 α</translation>
    </message>
    <message>
        <source>the optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>the optimizer&apos;s hyperparameters</source>
        <translation>优化器的超参数</translation>
    </message>
    <message>
        <source>the learning rate α</source>
        <translation>学习率 α</translation>
    </message>
    <message>
        <source>the α schedule</source>
        <translation>α 的学习率调度</translation>
    </message>
    <message>
        <source>the mini-batch size, epochs and seed</source>
        <translation>小批量大小、epoch 数和随机种子</translation>
    </message>
    <message>
        <source>the mini-batch size</source>
        <translation>小批量大小</translation>
    </message>
    <message>
        <source>the number of epochs</source>
        <translation>epoch 数</translation>
    </message>
    <message>
        <source>the seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>The lab&apos;s lock and hide lists are ignored: {problem}</source>
        <translation>已忽略实验课的锁定和隐藏列表：{problem}</translation>
    </message>
    <message>
        <source>Fixed by this lab: {what}.</source>
        <translation>此实验课固定了：{what}。</translation>
    </message>
    <message>
        <source>(fixed)</source>
        <translation>（已固定）</translation>
    </message>
    <message>
        <source>(part fixed)</source>
        <translation>（部分固定）</translation>
    </message>
    <message>
        <source>Show or hide the {section} settings</source>
        <translation>显示或隐藏“{section}”设置</translation>
    </message>
    <message>
        <source>This lab fixes {what}: change the other settings.</source>
        <translation>此实验课固定了{what}：请修改其他设置。</translation>
    </message>
    <message>
        <source>Hidden by this lab: {views}.</source>
        <translation>此实验课隐藏了：{views}。</translation>
    </message>
    <message>
        <source>File ▸ New closes the lab and gives back every control.</source>
        <translation>文件 ▸ 新建 会关闭实验课并恢复所有控件。</translation>
    </message>
    <message>
        <source>{items} and {last}</source>
        <translation>{items}和{last}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>LabPanel</name>
    <message>
        <source>Show all the instructions ({rest} more characters)…</source>
        <extracomment>characters of instructions laid out in the column (about 10 ms of layout) the viewer adds this many characters per turn of the event loop the column&apos;s instructions are at most this tall (they scroll inside)</extracomment>
        <translation>显示全部说明（还有 {rest} 个字符）…</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dataset</source>
        <extracomment>the lock drawn where a font has it; otherwise the words say it alone (&quot;fixed by the lab&quot;)</extracomment>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Optimizer and training</source>
        <translation>优化器与训练</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}.&lt;/b&gt; {text}</source>
        <translation>&lt;b&gt;{title}。&lt;/b&gt;{text}</translation>
    </message>
    <message>
        <source>open another experiment</source>
        <translation>打开另一个实验设置</translation>
    </message>
    <message>
        <source>Could not show the experiment: {problem}. Using the defaults.</source>
        <translation>无法显示该实验设置：{problem}。改用默认设置。</translation>
    </message>
    <message>
        <source>load other data</source>
        <translation>加载其他数据</translation>
    </message>
    <message>
        <source> (drawn as a 2-D PCA projection)</source>
        <translation>（以二维 PCA 投影绘制）</translation>
    </message>
    <message>
        <source> · {count} points drawn</source>
        <translation> · 绘制了 {count} 个点</translation>
    </message>
    <message>
        <source>&lt;b&gt;{train}&lt;/b&gt; training and &lt;b&gt;{test}&lt;/b&gt; test examples · &lt;b&gt;{features}&lt;/b&gt; features{shown} · &lt;b&gt;{classes}&lt;/b&gt; classes</source>
        <translation>训练集 &lt;b&gt;{train}&lt;/b&gt; 个样本，测试集 &lt;b&gt;{test}&lt;/b&gt; 个样本 · &lt;b&gt;{features}&lt;/b&gt; 个特征{shown} · &lt;b&gt;{classes}&lt;/b&gt; 个类别</translation>
    </message>
    <message>
        <source>reset the training</source>
        <translation>重置训练</translation>
    </message>
    <message>
        <source>Discard the training?</source>
        <translation>丢弃训练结果？</translation>
    </message>
    <message>
        <source>To {what}, the network trained so far (and its curves) will be discarded. Continue?</source>
        <translation>要{what}，目前已训练的网络（及其曲线）将被丢弃。继续吗？</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{page}&lt;/b&gt; has its own settings, next to its plot. The dataset, network and optimizer settings are for the tabs Training, Compare optimizers, Inside the optimizer and Schedule preview (Ctrl+1 … Ctrl+7).</source>
        <translation>&lt;b&gt;{page}&lt;/b&gt; 有自己的设置，就在它的图表旁边。数据集、网络和优化器设置用于“训练”“比较优化器”“优化器内部”和“学习率调度预览”这几个标签页（Ctrl+1 … Ctrl+7）。</translation>
    </message>
    <message>
        <source>quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Hide this message</source>
        <translation>隐藏此消息</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Decision boundary</source>
        <extracomment>the pages that show the window&apos;s own training (Start, Step and Reset act there) the pages with settings of their own (the settings column makes room)</extracomment>
        <translation>决策边界</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Compare optimizers</source>
        <translation>比较优化器</translation>
    </message>
    <message>
        <source>Trajectories (2-D)</source>
        <translation>轨迹（2-D）</translation>
    </message>
    <message>
        <source>Inside the optimizer</source>
        <translation>优化器内部</translation>
    </message>
    <message>
        <source>Schedule preview</source>
        <translation>学习率调度预览</translation>
    </message>
    <message>
        <source>Averages (EWA)</source>
        <translation>指数加权平均（EWA）</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Train the network set up on the left: decision boundary, network, confusion matrix, cost, accuracy and α (Ctrl+1, Ctrl+2, Ctrl+3).</source>
        <translation>训练左侧设置的网络：决策边界、网络、混淆矩阵、成本、准确率和 α（Ctrl+1、Ctrl+2、Ctrl+3）。</translation>
    </message>
    <message>
        <source>Train several optimizers at the same time on the data and network set up on the left, from the same initial weights, and compare them (Ctrl+4).</source>
        <translation>在左侧设置的数据和网络上，从相同的初始权重出发同时训练多个优化器并加以比较（Ctrl+4）。</translation>
    </message>
    <message>
        <source>Watch optimizers walk down 2-D test functions such as an elongated ellipse or a saddle; click on the plot to start from there (Ctrl+5).</source>
        <translation>观察优化器在二维测试函数（如狭长的椭圆或鞍点）上一路下降；在图上单击即可从该点出发（Ctrl+5）。</translation>
    </message>
    <message>
        <source>What the optimizer of the training on the left does with each parameter: its own learning rate (Adam, RMSprop), its velocity (momentum) (Ctrl+6).</source>
        <translation>左侧训练所用的优化器对每个参数做了什么：各自的学习率（Adam、RMSprop）、速度（动量）（Ctrl+6）。</translation>
    </message>
    <message>
        <source>The learning rate α the schedule chosen on the left will use in each of the planned epochs, before you train (Ctrl+7).</source>
        <translation>在训练之前，查看左侧选择的学习率调度在计划的每个 epoch 中使用的学习率 α（Ctrl+7）。</translation>
    </message>
    <message>
        <source>Exponentially weighted averages, the idea behind momentum, RMSprop and Adam, on the notes&apos; temperature example (Ctrl+8).</source>
        <translation>指数加权平均——动量、RMSprop 和 Adam 背后的思想——以讲义中的温度为例（Ctrl+8）。</translation>
    </message>
    <message>
        <source>A grid of optimizers × learning rates × seeds on the data and network set up on the left: which optimizer, at which learning rate, how sensitive (Ctrl+9).</source>
        <translation>在左侧设置的数据和网络上扫描 优化器 × 学习率 × 随机种子 的网格：哪个优化器、在哪个学习率下、有多敏感（Ctrl+9）。</translation>
    </message>
    <message>
        <source>Why it behaves so</source>
        <translation>为何如此表现</translation>
    </message>
    <message>
        <source>Why an optimizer behaves as it does: sharpness and the edge of stability, the loss landscape, the learning-rate range test and per-layer gradients, for the experiment set up on the left (Ctrl+0).</source>
        <translation>优化器为何如此表现：针对左侧设置的实验，查看锐度与稳定性边缘、损失曲面、学习率范围测试和逐层梯度（Ctrl+0）。</translation>
    </message>
</context>
<context>
    <name>PluginFolder</name>
    <message>
        <source>Drop plugin files (*.py) into {folder}</source>
        <translation>把插件文件（*.py）放入 {folder}</translation>
    </message>
    <message>
        <source>Cannot create the plugin folder</source>
        <translation>无法创建插件文件夹</translation>
    </message>
    <message>
        <source>Cannot open the plugin folder</source>
        <translation>无法打开插件文件夹</translation>
    </message>
    <message>
        <source>No file manager opened {folder}: open it yourself and drop plugin files (*.py) there.</source>
        <translation>没有文件管理器打开 {folder}：请自行打开它，并把插件文件（*.py）放进去。</translation>
    </message>
    <message>
        <source>Opened {folder}: drop plugin files there, then Plugins ▸ Reload plugins</source>
        <translation>已打开 {folder}：把插件文件放进去，然后选择 插件 ▸ 重新加载插件</translation>
    </message>
</context>
<context>
    <name>PluginReload</name>
    <message>
        <source> (and {count} more)</source>
        <translation>（另有 {count} 个）</translation>
    </message>
    <message>
        <source>{count} plugin problems</source>
        <translation>{count} 个插件问题</translation>
    </message>
    <message>
        <source>{count} plugin problem</source>
        <translation>{count} 个插件问题</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt;: {problem}{more}. Everything else works.</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt;：{problem}{more}。其他一切正常。</translation>
    </message>
    <message>
        <source>Show the errors…</source>
        <translation>显示错误…</translation>
    </message>
    <message>
        <source>Reload plugins</source>
        <translation>重新加载插件</translation>
    </message>
    <message>
        <source>After reloading the plugins: {problem}. Using the defaults.</source>
        <translation>重新加载插件后：{problem}。改用默认设置。</translation>
    </message>
    <message>
        <source>Plugins reloaded: {optimizers} optimizers, {schedules} schedules.</source>
        <translation>插件已重新加载：{optimizers} 个优化器，{schedules} 个学习率调度。</translation>
    </message>
</context>
<context>
    <name>Share</name>
    <message>
        <source>the pasted text has no experiment after &apos;{prefix}&apos; (was the line cut?)</source>
        <extracomment>what every shared line starts with (the digit is the text format&apos;s version)</extracomment>
        <translation>粘贴的文本在“{prefix}”之后没有实验设置（这一行被截断了吗？）</translation>
    </message>
    <message>
        <source>the pasted text unpacks to more than {size} MiB; an experiment is a few kilobytes</source>
        <translation>粘贴的文本解压后超过 {size} MiB；一个实验设置只有几 KB</translation>
    </message>
    <message>
        <source>the pasted text is cut short: copy the whole line again</source>
        <translation>粘贴的文本不完整：请重新复制整行</translation>
    </message>
    <message>
        <source>the pasted text is not a whole OptStudio line (it was changed or cut): copy it again</source>
        <translation>粘贴的文本不是完整的 OptStudio 行（被修改或截断了）：请重新复制</translation>
    </message>
    <message>
        <source>the clipboard holds no text: copy an experiment first (Edit ▸ Copy experiment as text)</source>
        <translation>剪贴板中没有文本：请先复制一个实验设置（编辑 ▸ 以文本复制实验设置）</translation>
    </message>
    <message>
        <source>the pasted text is not an OptStudio experiment (a shared one starts with &apos;{prefix}&apos;)</source>
        <translation>粘贴的文本不是 OptStudio 实验设置（分享的实验设置以“{prefix}”开头）</translation>
    </message>
    <message>
        <source>Copied the experiment as one line of text ({count} characters): paste it into a chat or a slide, and into OptStudio with Edit ▸ Paste experiment</source>
        <translation>已将实验设置复制为一行文本（{count} 个字符）：可粘贴到聊天或幻灯片中，在 OptStudio 中用 编辑 ▸ 粘贴实验设置 打开</translation>
    </message>
    <message>
        <source>Cannot paste the experiment</source>
        <translation>无法粘贴实验设置</translation>
    </message>
    <message>
        <source>Pasted the experiment</source>
        <translation>已粘贴实验设置</translation>
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message>
        <source>Predictions (PCA)</source>
        <translation>预测（PCA）</translation>
    </message>
    <message>
        <source>Cannot apply the change</source>
        <translation>无法应用此更改</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>Cost per epoch</source>
        <translation>每个 epoch 的成本</translation>
    </message>
    <message>
        <source>cost J</source>
        <translation>成本 J</translation>
    </message>
    <message>
        <source>Accuracy per epoch</source>
        <translation>每个 epoch 的准确率</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>准确率 (%)</translation>
    </message>
    <message>
        <source>Learning rate α per epoch</source>
        <translation>每个 epoch 的学习率 α</translation>
    </message>
    <message>
        <source>What the network predicts everywhere in the input space, with the data.</source>
        <translation>网络在输入空间各处的预测，以及数据。</translation>
    </message>
    <message>
        <source>The network&apos;s weights: blue positive, red negative, thicker = larger.</source>
        <translation>网络的权重：蓝色为正，红色为负，越粗越大。</translation>
    </message>
    <message>
        <source>How many examples of each true class get each predicted class.</source>
        <translation>每个真实类别的样本中有多少被预测为各个类别。</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Share of correctly classified examples after each epoch.</source>
        <translation>每个 epoch 之后正确分类的样本比例。</translation>
    </message>
    <message>
        <source>The learning rate α the schedule used in each epoch.</source>
        <translation>学习率调度在每个 epoch 中使用的学习率 α。</translation>
    </message>
    <message>
        <source>Cannot build the trainer</source>
        <translation>无法构建训练器</translation>
    </message>
    <message>
        <source>Training diverged</source>
        <translation>训练发散</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
    <message>
        <source>{message} Change the settings (or press Reset) to try again.</source>
        <translation>{message} 修改设置（或按“重置”）后再试一次。</translation>
    </message>
</context>
<context>
    <name>ViewsGlue</name>
    <message>
        <source>The lab&apos;s trajectory section cannot be shown: {problem}</source>
        <translation>无法显示实验课的轨迹部分：{problem}</translation>
    </message>
    <message>
        <source>Fix the optimizer settings on the left first: {problem}</source>
        <translation>请先修正左侧的优化器设置：{problem}</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>训练中…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>One epoch…</source>
        <translation>单个 epoch…</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Stopped: see the message</source>
        <translation>已停止：请看消息</translation>
    </message>
    <message>
        <source>This tab has its own buttons. Start, Step and Reset train the network of the Training tab (Ctrl+1).</source>
        <translation>此标签页有自己的按钮。“开始”“单步”和“重置”训练的是“训练”标签页中的网络（Ctrl+1）。</translation>
    </message>
    <message>
        <source>System</source>
        <extracomment>View ▸ Language: (setting, menu text); the languages&apos; names are shown as they are, in their own language</extracomment>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Start training, or pause it (Space)</source>
        <translation>开始训练，或暂停训练（空格键）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Train exactly one epoch, then pause (S or Ctrl+→)</source>
        <translation>只训练一个 epoch，然后暂停（S 或 Ctrl+→）</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Forget the training: new initial weights from the seed (Ctrl+R)</source>
        <translation>丢弃训练结果：由随机种子生成新的初始权重（Ctrl+R）</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>Start over with the default experiment</source>
        <translation>用默认实验设置重新开始</translation>
    </message>
    <message>
        <source>&amp;Open experiment…</source>
        <translation>打开实验设置(&amp;O)…</translation>
    </message>
    <message>
        <source>Open an experiment or lab file (JSON or TOML)</source>
        <translation>打开实验设置或实验课文件（JSON 或 TOML）</translation>
    </message>
    <message>
        <source>Open &amp;lab…</source>
        <translation>打开实验课(&amp;L)…</translation>
    </message>
    <message>
        <source>Choose one of the bundled labs: ready-made experiments with instructions (Ctrl+L)</source>
        <translation>选择一个内置实验课：带说明的现成实验（Ctrl+L）</translation>
    </message>
    <message>
        <source>Open the notebook&apos;s lab</source>
        <translation>打开 notebook 的实验课</translation>
    </message>
    <message>
        <source>The course notebook&apos;s setting: moons 300, [2, 5, 2, 1], Adam, α = 0.0007, mini-batches of 64, its seeds</source>
        <translation>课程 notebook 的设置：moons 300、[2, 5, 2, 1]、Adam、α = 0.0007、小批量大小 64，以及它的随机种子</translation>
    </message>
    <message>
        <source>&amp;Save experiment</source>
        <translation>保存实验设置(&amp;S)</translation>
    </message>
    <message>
        <source>Save every setting to the current file</source>
        <translation>将所有设置保存到当前文件</translation>
    </message>
    <message>
        <source>Save experiment &amp;as…</source>
        <translation>实验设置另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save every setting to a new JSON or TOML file</source>
        <translation>将所有设置保存到新的 JSON 或 TOML 文件</translation>
    </message>
    <message>
        <source>Save as &amp;lab…</source>
        <translation>另存为实验课(&amp;L)…</translation>
    </message>
    <message>
        <source>Save this experiment as a lab: a title, instructions, fixed settings and hidden views, for students</source>
        <translation>把此实验设置保存为实验课：包括标题、说明、固定的设置和隐藏的视图，供学生使用</translation>
    </message>
    <message>
        <source>&amp;Copy experiment as text</source>
        <translation>以文本复制实验设置(&amp;C)</translation>
    </message>
    <message>
        <source>Put the experiment on the clipboard as one line (for a chat or a slide)</source>
        <translation>把实验设置作为一行文本放到剪贴板（用于聊天或幻灯片）</translation>
    </message>
    <message>
        <source>&amp;Paste experiment</source>
        <translation>粘贴实验设置(&amp;P)</translation>
    </message>
    <message>
        <source>Open an experiment copied as text (Edit ▸ Copy experiment as text)</source>
        <translation>打开以文本复制的实验设置（编辑 ▸ 以文本复制实验设置）</translation>
    </message>
    <message>
        <source>Open plugin folder</source>
        <translation>打开插件文件夹</translation>
    </message>
    <message>
        <source>Open the folder where plugin files go (created if missing)</source>
        <translation>打开存放插件文件的文件夹（不存在时会创建）</translation>
    </message>
    <message>
        <source>Export history as CSV…</source>
        <translation>将历史记录导出为 CSV…</translation>
    </message>
    <message>
        <source>Cost, accuracy and α of every epoch as a table</source>
        <translation>每个 epoch 的成本、准确率和 α，以表格形式</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close OptStudio</source>
        <translation>关闭 OptStudio</translation>
    </message>
    <message>
        <source>Plugins and plugin errors…</source>
        <translation>插件与插件错误…</translation>
    </message>
    <message>
        <source>Every optimizer and schedule, where it comes from, and what failed to load</source>
        <translation>所有优化器和学习率调度、它们的来源，以及加载失败的内容</translation>
    </message>
    <message>
        <source>Reload plugins</source>
        <translation>重新加载插件</translation>
    </message>
    <message>
        <source>Load the plugin folders again: a file dropped in appears without a restart</source>
        <translation>重新加载插件文件夹：新放入的文件无需重启即可出现</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>List the keyboard shortcuts</source>
        <translation>列出键盘快捷键</translation>
    </message>
    <message>
        <source>About OptStudio</source>
        <translation>关于 OptStudio</translation>
    </message>
    <message>
        <source>Version and purpose</source>
        <translation>版本和用途</translation>
    </message>
    <message>
        <source>Show the Training tab&apos;s “{view}” (Ctrl+{number})</source>
        <translation>显示“训练”标签页中的“{view}”（Ctrl+{number}）</translation>
    </message>
    <message>
        <source>Show the tab “{view}” (Ctrl+{number})</source>
        <translation>显示“{view}”标签页（Ctrl+{number}）</translation>
    </message>
    <message>
        <source>Decision boundary…</source>
        <translation>决策边界…</translation>
    </message>
    <message>
        <source>Save the decision boundary plot as PNG or SVG</source>
        <translation>将决策边界图保存为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>Cost…</source>
        <translation>成本…</translation>
    </message>
    <message>
        <source>Save the cost plot as PNG or SVG</source>
        <translation>将成本曲线图保存为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>Accuracy…</source>
        <translation>准确率…</translation>
    </message>
    <message>
        <source>Save the accuracy plot as PNG or SVG</source>
        <translation>将准确率曲线图保存为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>Learning rate…</source>
        <translation>学习率…</translation>
    </message>
    <message>
        <source>Save the learning rate plot as PNG or SVG</source>
        <translation>将学习率曲线图保存为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Plugins</source>
        <translation>插件(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Export plot as PNG or SVG</source>
        <translation>将图表导出为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause training (Space)</source>
        <translation>暂停训练（空格键）</translation>
    </message>
    <message>
        <source>Fix the fields marked in red first:</source>
        <translation>请先修正标红的字段：</translation>
    </message>
    <message>
        <source>Waiting for the data</source>
        <translation>正在等待数据</translation>
    </message>
    <message>
        <source>Finished: raise the number of epochs to continue, or Reset</source>
        <translation>已完成：增大 epoch 数即可继续训练，或者重置</translation>
    </message>
    <message>
        <source>Continue training (Space)</source>
        <translation>继续训练（空格键）</translation>
    </message>
    <message>
        <source>Start training (Space)</source>
        <translation>开始训练（空格键）</translation>
    </message>
    <message>
        <source>Fix the data settings</source>
        <translation>请修正数据设置</translation>
    </message>
    <message>
        <source>Loading data…</source>
        <translation>正在加载数据…</translation>
    </message>
    <message>
        <source>Fix the fields marked in red</source>
        <translation>请修正标红的字段</translation>
    </message>
    <message>
        <source>Fix the network settings</source>
        <translation>请修正网络设置</translation>
    </message>
    <message>
        <source>The language of the system ({language})</source>
        <translation>系统的语言（{language}）</translation>
    </message>
    <message>
        <source>The language changes when you restart OptStudio.</source>
        <translation>重启 OptStudio 后语言才会改变。</translation>
    </message>
    <message>
        <source>OptStudio is already in this language.</source>
        <translation>OptStudio 已经是这种语言。</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>Stopped after epoch {epoch}.</source>
        <extracomment>snapshots per second at most (the trainer&apos;s report_interval) after emitting a snapshot the training thread waits (GIL released) until the window has drawn it, at most this long (seconds). 0 = do not wait. See benchmarks/bench_gui_responsiveness.py. at most this many training (and half as many test) points are drawn; the rest only train the iterating thread is waiting in a pause (read by the GUI thread) workers iterating a plan right now (read by :mod:`.gc_guard`)</extracomment>
        <translation>在第 {epoch} 个 epoch 后停止。</translation>
    </message>
</context>
</TS>
