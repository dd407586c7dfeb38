<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DatasetPanel</name>
    <message>
        <source>Data files (*.csv *.npz *.idx *.gz *-ubyte *.idx1-ubyte *.idx3-ubyte);;All files (*)</source>
        <translation>数据文件 (*.csv *.npz *.idx *.gz *-ubyte *.idx1-ubyte *.idx3-ubyte);;所有文件 (*)</translation>
    </message>
    <message>
        <source>two interleaving half circles (the course&apos;s data set; sklearn make_moons)</source>
        <extracomment>the descriptions of the built-in data sets (:data:`GENERATED`, :data:`BUNDLED` of the core), for the translation: shown with ``translate(&quot;DatasetPanel&quot;, text)`` (English if they change)</extracomment>
        <translation>两个交错的半圆（课程使用的数据集；sklearn make_moons）</translation>
    </message>
    <message>
        <source>a small circle inside a larger one (sklearn make_circles)</source>
        <translation>大圆里套着一个小圆（sklearn make_circles）</translation>
    </message>
    <message>
        <source>Gaussian clusters, one per class (sklearn make_blobs; noise = cluster spread)</source>
        <translation>高斯簇，每个类别一个（sklearn make_blobs；噪声 = 簇的分散程度）</translation>
    </message>
    <message>
        <source>four quadrant clusters; opposite quadrants share a class</source>
        <translation>四个象限各一簇；相对的象限属于同一类别</translation>
    </message>
    <message>
        <source>two interleaved spirals</source>
        <translation>两条交错的螺旋线</translation>
    </message>
    <message>
        <source>two classes separated by a straight line</source>
        <translation>由一条直线分开的两个类别</translation>
    </message>
    <message>
        <source>8x8 handwritten digits, 10 classes, 1797 images (bundled with scikit-learn)</source>
        <translation>8x8 手写数字，10 个类别，1797 张图像（随 scikit-learn 提供）</translation>
    </message>
    <message>
        <source>iris flowers: 4 measurements, 3 species, 150 examples (bundled with scikit-learn)</source>
        <translation>鸢尾花：4 项测量值，3 个品种，150 个样本（随 scikit-learn 提供）</translation>
    </message>
    <message>
        <source>Wisconsin breast cancer: 30 features, malignant/benign, 569 examples (bundled with scikit-learn)</source>
        <translation>威斯康星乳腺癌：30 个特征，恶性/良性，569 个样本（随 scikit-learn 提供）</translation>
    </message>
    <message>
        <source>moons</source>
        <extracomment>the built-in data sets&apos; names as the list shows them (the name stays: it is what lab files and the command line say; a translation adds a hint in brackets)</extracomment>
        <translation>moons（双半月）</translation>
    </message>
    <message>
        <source>circles</source>
        <translation>circles（同心圆）</translation>
    </message>
    <message>
        <source>blobs</source>
        <translation>blobs（高斯簇）</translation>
    </message>
    <message>
        <source>xor</source>
        <translation>xor（异或）</translation>
    </message>
    <message>
        <source>spirals</source>
        <translation>spirals（双螺旋）</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>linear（线性可分）</translation>
    </message>
    <message>
        <source>digits</source>
        <translation>digits（手写数字）</translation>
    </message>
    <message>
        <source>iris</source>
        <translation>iris（鸢尾花）</translation>
    </message>
    <message>
        <source>breast_cancer</source>
        <translation>breast_cancer（乳腺癌）</translation>
    </message>
    <message>
        <source>samples</source>
        <extracomment>the fields&apos; names in the error lines</extracomment>
        <translation>样本数</translation>
    </message>
    <message>
        <source>noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>factor</source>
        <translation>半径比</translation>
    </message>
    <message>
        <source>centers</source>
        <translation>簇数</translation>
    </message>
    <message>
        <source>data_seed</source>
        <translation>数据随机种子</translation>
    </message>
    <message>
        <source>test_fraction</source>
        <translation>测试集比例</translation>
    </message>
    <message>
        <source>Which examples the network learns from. The first six are generated 2-D toy problems (you can watch the decision boundary); digits, iris and breast_cancer are real data sets with more features, shown as a 2-D PCA projection. “Open file…” loads your own CSV (features, then the label in the last column), NPZ (arrays X and y) or MNIST IDX files.</source>
        <translation>网络从哪些样本中学习。前六个是生成的二维示例问题（可以观察决策边界）；digits、iris 和 breast_cancer 是特征更多的真实数据集，以二维 PCA 投影显示。“打开文件…”可载入你自己的 CSV（先是特征，最后一列是标签）、NPZ（数组 X 和 y）或 MNIST IDX 文件。</translation>
    </message>
    <message>
        <source>Number of examples to generate (training + test).</source>
        <translation>要生成的样本数（训练集 + 测试集）。</translation>
    </message>
    <message>
        <source>How much random jitter is added to each point: more noise makes the classes overlap, so no boundary can be perfect. For blobs it is the spread of each cluster.</source>
        <translation>给每个点加入多少随机扰动：噪声越大，类别重叠越多，任何边界都无法完美分开。对 blobs 而言，它是每个簇的分散程度。</translation>
    </message>
    <message>
        <source>circles: radius of the inner circle divided by the outer one (0 … 1).</source>
        <translation>circles：内圆半径与外圆半径之比（0 … 1）。</translation>
    </message>
    <message>
        <source>blobs: number of clusters, i.e. number of classes (more than 2 needs the softmax loss).</source>
        <translation>blobs：簇的数量，即类别数（多于 2 个类别需要 softmax 损失）。</translation>
    </message>
    <message>
        <source>Seed of the random numbers that generate the data and split off the test set. The same seed always gives the same data.</source>
        <translation>生成数据和划分测试集所用的随机种子。相同的随机种子总是得到相同的数据。</translation>
    </message>
    <message>
        <source>Draw a new sample of the same problem (adds 1 to the data seed).</source>
        <translation>为同一个问题重新抽取一份样本（数据随机种子加 1）。</translation>
    </message>
    <message>
        <source>Keep only these classes, separated by commas (e.g. 0, 1 for digits 0 and 1). Leave empty to keep every class.</source>
        <translation>只保留这些类别，用逗号分隔（例如 0, 1 表示数字 0 和 1）。留空则保留所有类别。</translation>
    </message>
    <message>
        <source>Part of the examples held back as a test set (0 = none). The network never trains on them, so the test cost and accuracy show how well it generalises.</source>
        <translation>留作测试集的样本比例（0 = 不留）。网络从不在这些样本上训练，因此测试集上的成本和准确率反映了它的泛化能力。</translation>
    </message>
    <message>
        <source>Shift and scale every feature to mean 0 and standard deviation 1 (computed on the training set). Usually makes training faster and more stable.</source>
        <translation>把每个特征平移、缩放到均值 0、标准差 1（在训练集上计算）。通常能让训练更快、更稳定。</translation>
    </message>
    <message>
        <source>moons only: generate the data exactly like the course notebook (np.random.seed(3); make_moons(300, noise=0.2)), so you can reproduce its numbers.</source>
        <translation>仅限 moons：完全按照课程 notebook 的方式生成数据（np.random.seed(3); make_moons(300, noise=0.2)），以便复现其中的数字。</translation>
    </message>
    <message>
        <source>Open file…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <source>Choose a CSV, NPZ or MNIST IDX file.</source>
        <translation>选择一个 CSV、NPZ 或 MNIST IDX 文件。</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <extracomment>the folder the file dialog opens in (the last file&apos;s; the window remembers it)</extracomment>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>all classes (or e.g. 0, 1)</source>
        <translation>所有类别（或例如 0, 1）</translation>
    </message>
    <message>
        <source>Standardise features (mean 0, std 1)</source>
        <translation>标准化特征（均值 0，标准差 1）</translation>
    </message>
    <message>
        <source>Generate like the course notebook</source>
        <translation>按课程 notebook 的方式生成</translation>
    </message>
    <message>
        <source>Data set:</source>
        <translation>数据集：</translation>
    </message>
    <message>
        <source>Samples:</source>
        <translation>样本数：</translation>
    </message>
    <message>
        <source>Noise:</source>
        <translation>噪声：</translation>
    </message>
    <message>
        <source>Factor:</source>
        <translation>半径比：</translation>
    </message>
    <message>
        <source>Centers:</source>
        <translation>簇数：</translation>
    </message>
    <message>
        <source>Data seed:</source>
        <translation>数据随机种子：</translation>
    </message>
    <message>
        <source>Classes:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Test fraction:</source>
        <translation>测试集比例：</translation>
    </message>
    <message>
        <source>File: {name}</source>
        <translation>文件：{name}</translation>
    </message>
    <message>
        <source>{field}: {problem}</source>
        <translation>{field}：{problem}</translation>
    </message>
    <message>
        <source>Your file: {name}</source>
        <translation>你的文件：{name}</translation>
    </message>
    <message>
        <source>Open a data file</source>
        <translation>打开数据文件</translation>
    </message>
</context>
<context>
    <name>NetworkDrawing</name>
    <message>
        <source>The network: each circle is a neuron, each line a weight W[l][j, i]. Blue = positive weight, red = negative; thicker = larger |w|. It changes as training updates the weights.</source>
        <translation>网络：每个圆是一个神经元，每条线是一个权重 W[l][j, i]。蓝色 = 正权重，红色 = 负权重；线越粗 = |w| 越大。训练更新权重时图会随之变化。</translation>
    </message>
    <message>
        <source>The network appears when the data is loaded.</source>
        <translation>载入数据后将显示网络。</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入层</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>hidden {number}</source>
        <translation>隐藏层 {number}</translation>
    </message>
    <message>
        <source>positive weight</source>
        <translation>正权重</translation>
    </message>
    <message>
        <source>negative weight</source>
        <translation>负权重</translation>
    </message>
    <message>
        <source>thicker: larger |w|</source>
        <translation>越粗：|w| 越大</translation>
    </message>
</context>
<context>
    <name>NetworkPanel</name>
    <message>
        <source>a layer needs at least 1 unit, got {width}</source>
        <translation>每层至少需要 1 个神经元，当前为 {width}</translation>
    </message>
    <message>
        <source>at most {limit} units per layer, got {width}</source>
        <translation>每层最多 {limit} 个神经元，当前为 {width}</translation>
    </message>
    <message>
        <source>L2 λ must be ≥ 0, got {value}</source>
        <translation>L2 λ 必须 ≥ 0，当前为 {value}</translation>
    </message>
    <message>
        <source>sigmoid output + binary cross-entropy</source>
        <extracomment>the core&apos;s descriptions of the losses and initialisers (:data:`LOSSES`, :data:`INITIALIZERS`), for the translation: shown with ``translate(&quot;NetworkPanel&quot;, text)`` (English if they change)</extracomment>
        <translation>sigmoid 输出 + 二元交叉熵</translation>
    </message>
    <message>
        <source>softmax output + categorical cross-entropy</source>
        <translation>softmax 输出 + 多类交叉熵</translation>
    </message>
    <message>
        <source>square loss 1/(2m)·‖A − Y‖²</source>
        <translation>平方损失 1/(2m)·‖A − Y‖²</translation>
    </message>
    <message>
        <source>He: W ~ N(0, 2/n[l−1]) (good with ReLU)</source>
        <translation>He：W ~ N(0, 2/n[l−1])（适合 ReLU）</translation>
    </message>
    <message>
        <source>Xavier/Glorot: W ~ N(0, 2/(n[l−1] + n[l])) (good with tanh)</source>
        <translation>Xavier/Glorot：W ~ N(0, 2/(n[l−1] + n[l]))（适合 tanh）</translation>
    </message>
    <message>
        <source>normal with variance 1/n[l−1] (the homework)</source>
        <translation>方差为 1/n[l−1] 的正态分布（作业中的做法）</translation>
    </message>
    <message>
        <source>small random: W = 0.01·N(0, 1)</source>
        <translation>小随机数：W = 0.01·N(0, 1)</translation>
    </message>
    <message>
        <source>standard normal: W ~ N(0, 1) (saturates sigmoid and tanh: vanishing gradients)</source>
        <translation>标准正态分布：W ~ N(0, 1)（使 sigmoid 和 tanh 饱和：梯度消失）</translation>
    </message>
    <message>
        <source>zeros: every unit in a layer stays the same (the symmetry problem)</source>
        <translation>全零：同一层的所有神经元始终相同（对称性问题）</translation>
    </message>
    <message>
        <source>relu</source>
        <extracomment>the names in the lists (they stay: lab files say them; a translation may add a hint)</extracomment>
        <translation>relu</translation>
    </message>
    <message>
        <source>leaky_relu</source>
        <translation>leaky_relu</translation>
    </message>
    <message>
        <source>tanh</source>
        <translation>tanh</translation>
    </message>
    <message>
        <source>sigmoid</source>
        <translation>sigmoid</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>linear（线性）</translation>
    </message>
    <message>
        <source>he</source>
        <translation>he（He 初始化）</translation>
    </message>
    <message>
        <source>xavier</source>
        <translation>xavier（Xavier 初始化）</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>normal（正态分布）</translation>
    </message>
    <message>
        <source>small</source>
        <translation>small（小随机数）</translation>
    </message>
    <message>
        <source>standard_normal</source>
        <translation>standard_normal（标准正态分布）</translation>
    </message>
    <message>
        <source>zeros</source>
        <translation>zeros（全零）</translation>
    </message>
    <message>
        <source>ReLU: g(z) = max(0, z). The usual choice for hidden layers.</source>
        <translation>ReLU：g(z) = max(0, z)。隐藏层的常用选择。</translation>
    </message>
    <message>
        <source>Leaky ReLU: g(z) = z for z &gt; 0, 0.01·z otherwise (never completely flat).</source>
        <translation>Leaky ReLU：z &gt; 0 时 g(z) = z，否则为 0.01·z（从不完全平坦）。</translation>
    </message>
    <message>
        <source>tanh: squashes z into (−1, 1); zero-centred.</source>
        <translation>tanh：把 z 压缩到 (−1, 1)；以零为中心。</translation>
    </message>
    <message>
        <source>sigmoid: σ(z) = 1/(1 + e^−z), squashes z into (0, 1).</source>
        <translation>sigmoid：σ(z) = 1/(1 + e^−z)，把 z 压缩到 (0, 1)。</translation>
    </message>
    <message>
        <source>linear: g(z) = z (no non-linearity: stacked linear layers stay linear).</source>
        <translation>linear：g(z) = z（没有非线性：叠加的线性层仍是线性的）。</translation>
    </message>
    <message>
        <source>Binary cross-entropy with a sigmoid output: one output unit giving P(class 1). For two classes, as in the course.</source>
        <translation>sigmoid 输出的二元交叉熵：一个输出神经元给出 P(类别 1)。用于两个类别，与课程中相同。</translation>
    </message>
    <message>
        <source>Softmax output with categorical cross-entropy: one output unit per class. Needed for more than two classes.</source>
        <translation>softmax 输出与多类交叉熵：每个类别一个输出神经元。多于两个类别时需要。</translation>
    </message>
    <message>
        <source>Square loss J = 1/(2m)·‖A − Y‖² with the output activation chosen below (the homework&apos;s loss).</source>
        <translation>平方损失 J = 1/(2m)·‖A − Y‖²，输出层激活函数在下方选择（作业中的损失）。</translation>
    </message>
    <message>
        <source>Number of neurons (units) in this hidden layer.</source>
        <translation>此隐藏层的神经元个数。</translation>
    </message>
    <message>
        <source>Activation function g of this hidden layer.</source>
        <translation>此隐藏层的激活函数 g。</translation>
    </message>
    <message>
        <source>Remove this hidden layer.</source>
        <translation>删除此隐藏层。</translation>
    </message>
    <message>
        <source>Add a hidden layer at the end (before the output).</source>
        <translation>在末尾（输出层之前）添加一个隐藏层。</translation>
    </message>
    <message>
        <source>What the network outputs and how the cost J measures its mistakes.</source>
        <translation>网络输出什么，以及成本 J 如何衡量它的错误。</translation>
    </message>
    <message>
        <source>Activation of the output layer (only for the square loss; bce uses sigmoid, softmax its own).</source>
        <translation>输出层的激活函数（仅用于平方损失；bce 使用 sigmoid，softmax 使用其自身）。</translation>
    </message>
    <message>
        <source>How the weights are set before training (b starts at 0). Hover an entry for its formula.</source>
        <translation>训练前如何设置权重（b 从 0 开始）。将鼠标悬停在选项上可查看其公式。</translation>
    </message>
    <message>
        <source>L2 regularisation strength λ ≥ 0: adds λ/(2m)·Σ‖W‖² to the cost, which pulls weights towards 0 and smooths the boundary. 0 = off.</source>
        <translation>L2 正则化强度 λ ≥ 0：在成本上加上 λ/(2m)·Σ‖W‖²，把权重拉向 0，使边界更平滑。0 = 关闭。</translation>
    </message>
    <message>
        <source>+ Add hidden layer</source>
        <translation>+ 添加隐藏层</translation>
    </message>
    <message>
        <source>layer_dims: the number of units in each layer, input first. Parameters: every weight and bias the optimizer updates.</source>
        <translation>layer_dims：每层的神经元个数，从输入层开始。参数：优化器更新的所有权重和偏置。</translation>
    </message>
    <message>
        <source>Loss / output:</source>
        <translation>损失 / 输出：</translation>
    </message>
    <message>
        <source>Output activation:</source>
        <translation>输出层激活函数：</translation>
    </message>
    <message>
        <source>Initialisation:</source>
        <translation>初始化：</translation>
    </message>
    <message>
        <source>L2 λ:</source>
        <translation>L2 λ：</translation>
    </message>
    <message>
        <source>Hidden layers (width, activation):</source>
        <translation>隐藏层（宽度，激活函数）：</translation>
    </message>
    <message>
        <source>The layers between the input and the output. Each has a number of neurons and an activation function.</source>
        <translation>输入层与输出层之间的层。每层有若干神经元和一个激活函数。</translation>
    </message>
    <message>
        <source>layer {number} width: {problem}</source>
        <translation>第 {number} 层宽度：{problem}</translation>
    </message>
    <message>
        <source>L2 λ: {problem}</source>
        <translation>L2 λ：{problem}</translation>
    </message>
    <message>
        <source>layer_dims: –</source>
        <translation>layer_dims：–（损失与数据不匹配）</translation>
    </message>
    <message>
        <source>layer_dims: (waiting for the data)</source>
        <translation>layer_dims：（等待数据）</translation>
    </message>
    <message>
        <source>layer_dims = &lt;b&gt;{dims}&lt;/b&gt; &amp;nbsp;·&amp;nbsp; &lt;b&gt;{count}&lt;/b&gt; parameters</source>
        <translation>layer_dims = &lt;b&gt;{dims}&lt;/b&gt; &amp;nbsp;·&amp;nbsp; &lt;b&gt;{count}&lt;/b&gt; 个参数</translation>
    </message>
    <message>
        <source>{activation} (set by the loss)</source>
        <translation>{activation}（由损失决定）</translation>
    </message>
</context>
<context>
    <name>OptimizerPanel</name>
    <message>
        <source>The rule that turns the gradient dW into a change of the weights W. The list comes from the plugins (built-in and your own in the plugins folder).</source>
        <translation>把梯度 dW 转换为权重 W 更新量的规则。列表来自插件（内置插件以及插件文件夹中你自己的插件）。</translation>
    </message>
    <message>
        <source>Learning rate α: the size of each step. Too small: slow progress. Too large: the cost jumps around or blows up. Type 0.0007 or 7e-4. Must be &gt; 0.</source>
        <translation>学习率 α：每一步的大小。太小：进展缓慢。太大：成本来回跳动甚至发散。可输入 0.0007 或 7e-4。必须 &gt; 0。</translation>
    </message>
    <message>
        <source>How α changes during training (learning-rate decay). “Constant” keeps α fixed.</source>
        <translation>训练过程中 α 如何变化（学习率衰减）。“常数”保持 α 不变。</translation>
    </message>
    <message>
        <source>Mini-batch size: examples per gradient step. 1 = stochastic gradient descent; the whole training set = batch gradient descent; 64 is a typical mini-batch.</source>
        <translation>小批量大小：每个梯度步使用的样本数。1 = 随机梯度下降；整个训练集 = 批量梯度下降；64 是典型的小批量大小。</translation>
    </message>
    <message>
        <source>Epochs: how many times the training goes through all the training examples. You can raise it while paused or after the end and continue.</source>
        <translation>epoch 数：训练遍历全部训练样本的次数。可以在暂停时或结束后调大它并继续训练。</translation>
    </message>
    <message>
        <source>Seed of the random numbers for the initial weights and the shuffling of mini-batches. The same seed gives the same run.</source>
        <translation>用于初始权重和小批量打乱顺序的随机种子。相同的随机种子得到相同的运行。</translation>
    </message>
    <message>
        <source>Shuffle the mini-batches with the course notebook&apos;s seeds (10, 11, 12, …) and initialise with np.random.seed(seed), to reproduce the notebook&apos;s numbers exactly.</source>
        <translation>用课程 notebook 的随机种子（10, 11, 12, …）打乱小批量，并用 np.random.seed(seed) 初始化，以精确复现 notebook 中的数字。</translation>
    </message>
    <message>
        <source>The update rule of this optimizer, as the plugin describes it (α learning rate, dW gradient, t step number).</source>
        <translation>该优化器的更新规则，由插件给出（α 为学习率，dW 为梯度，t 为步数）。</translation>
    </message>
    <message>
        <source>How this schedule computes α from the initial rate α0.</source>
        <translation>该调度如何由初始学习率 α0 计算 α。</translation>
    </message>
    <message>
        <source>Weight decay and clipping</source>
        <translation>权重衰减与梯度裁剪</translation>
    </message>
    <message>
        <source>Shared by every optimizer: L2 weight decay (coupled, dW + λ·W, or decoupled, W·(1 − α·λ)) and gradient clipping. 0 = off.</source>
        <translation>所有优化器共用：L2 权重衰减（耦合式 dW + λ·W，或解耦式 W·(1 − α·λ)）和梯度裁剪。0 = 关闭。</translation>
    </message>
    <message>
        <source>Shuffle with the notebook&apos;s seeds</source>
        <translation>用 notebook 的随机种子打乱</translation>
    </message>
    <message>
        <source>Optimizer:</source>
        <translation>优化器：</translation>
    </message>
    <message>
        <source>Update rule:</source>
        <translation>更新规则：</translation>
    </message>
    <message>
        <source>Learning rate α:</source>
        <translation>学习率 α：</translation>
    </message>
    <message>
        <source>α schedule:</source>
        <translation>α 调度：</translation>
    </message>
    <message>
        <source>Mini-batch size:</source>
        <translation>小批量大小：</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>epoch 数：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Plugin: {source}</source>
        <translation>插件：{source}</translation>
    </message>
    <message>
        <source>(the plugin gives no formula)</source>
        <translation>（插件未给出公式）</translation>
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
        <source>learning rate α: {problem}</source>
        <translation>学习率 α：{problem}</translation>
    </message>
    <message>
        <source>optimizer {problem}</source>
        <translation>优化器 {problem}</translation>
    </message>
    <message>
        <source>schedule {problem}</source>
        <translation>调度 {problem}</translation>
    </message>
    <message>
        <source>α set to {optimizer}&apos;s suggested value {value}.</source>
        <translation>α 已设为 {optimizer} 的建议值 {value}。</translation>
    </message>
    <message>
        <source>{problem} (e.g. 0.001)</source>
        <translation>{problem}（例如 0.001）</translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <source>&lt;i&gt;The plugin gives no description of this hyperparameter.&lt;/i&gt;</source>
        <translation>&lt;i&gt;插件未给出该超参数的说明。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Allowed: {low} … {high}</source>
        <translation>允许范围：{low} … {high}</translation>
    </message>
    <message>
        <source> (log scale: the arrows step 1, 2, 5, 10, 20, …; type e.g. 1e-8)</source>
        <translation>（对数刻度：箭头按 1, 2, 5, 10, 20, … 步进；可输入例如 1e-8）</translation>
    </message>
    <message>
        <source>Choices: {choices}</source>
        <translation>可选值：{choices}</translation>
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
        <source>Default: {value}</source>
        <translation>默认值：{value}</translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation>{label}：</translation>
    </message>
    <message>
        <source>{label}: {problem}</source>
        <translation>{label}：{problem}</translation>
    </message>
</context>
<context>
    <name>PlotExport</name>
    <message>
        <source>cannot save {path}: folder {folder} does not exist</source>
        <extracomment>The kinds of file a plot is exported to; anything else gets ``.png`` added.</extracomment>
        <translation>无法保存 {path}：文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>cannot save {path}: it is a folder</source>
        <translation>无法保存 {path}：这是一个文件夹</translation>
    </message>
    <message>
        <source>cannot save {path}: the file could not be written</source>
        <translation>无法保存 {path}：无法写入该文件</translation>
    </message>
    <message>
        <source>cannot save {path}: {reason}</source>
        <translation>无法保存 {path}：{reason}</translation>
    </message>
    <message>
        <source>the picture could not be written to {path}</source>
        <translation>无法把图片写入 {path}</translation>
    </message>
</context>
<context>
    <name>Plots</name>
    <message>
        <source>… {count} more</source>
        <translation>… 另外 {count} 个</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;font-size:14px&apos;&gt;○&lt;/span&gt;&amp;nbsp;test point</source>
        <translation>&lt;span style=&apos;font-size:14px&apos;&gt;○&lt;/span&gt;&amp;nbsp;测试点</translation>
    </message>
    <message>
        <source>Decision boundary</source>
        <translation>决策边界</translation>
    </message>
    <message>
        <source>P(class 1)</source>
        <translation>P(类别 1)</translation>
    </message>
    <message>
        <source>show test points</source>
        <translation>显示测试点</translation>
    </message>
    <message>
        <source>Draw the test points (hollow circles): they are not used for training, so they show how well the boundary generalises.</source>
        <translation>绘制测试点（空心圆）：它们不参与训练，因此能显示边界的泛化效果。</translation>
    </message>
    <message>
        <source>background: P(class 1) from the network (colour bar)</source>
        <translation>背景：网络给出的 P(类别 1)（见色条）</translation>
    </message>
    <message>
        <source>background: the class the network predicts</source>
        <translation>背景：网络预测的类别</translation>
    </message>
    <message>
        <source>Training set in 2-D (PCA), coloured by predicted class</source>
        <translation>二维训练集（PCA），按预测类别着色</translation>
    </message>
    <message>
        <source>principal component {number} ({percent} % of variance)</source>
        <translation>主成分 {number}（占方差的 {percent} %）</translation>
    </message>
    <message>
        <source>{count} features projected on 2 principal components. Colour: predicted class; ✕ = misclassified.</source>
        <translation>{count} 个特征投影到 2 个主成分上。颜色：预测类别；✕ = 分类错误。</translation>
    </message>
    <message>
        <source>epoch</source>
        <extracomment>scatter items (one per class and right/wrong) re-set per frame while training: a whole refresh of 20 items costs ~20 ms of the GUI thread; a few per frame keep every frame short</extracomment>
        <translation>epoch</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>Logarithmic y axis: a value that keeps falling by the same factor looks like a straight line, and small late changes stay visible.</source>
        <translation>对数 y 轴：按相同倍数持续下降的值看起来是一条直线，后期的微小变化也清晰可见。</translation>
    </message>
    <message>
        <source>The confusion matrix appears when the network has made predictions.</source>
        <translation>网络做出预测后将显示混淆矩阵。</translation>
    </message>
    <message>
        <source>Row: the true class. Column: the class the network predicts. The diagonal counts correct answers; everything else is a mistake.</source>
        <translation>行：真实类别。列：网络预测的类别。对角线统计正确的预测；其余都是错误。</translation>
    </message>
    <message>
        <source>On the &lt;b&gt;test set&lt;/b&gt; ({total} examples): {correct} correct ({percent} %).</source>
        <translation>在&lt;b&gt;测试集&lt;/b&gt;上（{total} 个样本）：{correct} 个正确（{percent} %）。</translation>
    </message>
    <message>
        <source>On the &lt;b&gt;training set&lt;/b&gt; ({total} examples): {correct} correct ({percent} %).</source>
        <translation>在&lt;b&gt;训练集&lt;/b&gt;上（{total} 个样本）：{correct} 个正确（{percent} %）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Rows: true class&lt;/b&gt; · &lt;b&gt;columns: predicted class&lt;/b&gt; · the diagonal (green) counts correct answers.</source>
        <translation>&lt;b&gt;行：真实类别&lt;/b&gt; · &lt;b&gt;列：预测类别&lt;/b&gt; · 对角线（绿色）统计正确的预测。</translation>
    </message>
</context>
<context>
    <name>SpeedControl</name>
    <message>
        <source>full speed</source>
        <extracomment>epochs per second at most, slowest first; None: full speed</extracomment>
        <translation>全速</translation>
    </message>
    <message>
        <source>{pace} epoch/s</source>
        <translation>{pace} epoch/秒</translation>
    </message>
    <message>
        <source>{pace} epochs/s</source>
        <translation>{pace} epoch/秒</translation>
    </message>
    <message>
        <source>Training speed: slow enough to watch the decision boundary form, up to full speed. The plots redraw at the same steady rate at every speed.</source>
        <translation>训练速度：从慢到足以观察决策边界的形成，到全速。在任何速度下，图表都以相同的稳定频率重绘。</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
</context>
<context>
    <name>TrainingStatus</name>
    <message>
        <source>Ready</source>
        <extracomment>the state label&apos;s texts (the longest one sets its width)</extracomment>
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
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Stopped: see the message</source>
        <translation>已停止：请看消息</translation>
    </message>
    <message>
        <source>Loading data…</source>
        <translation>正在载入数据…</translation>
    </message>
    <message>
        <source>Fix the data settings</source>
        <translation>请修正数据设置</translation>
    </message>
    <message>
        <source>Fix the network settings</source>
        <translation>请修正网络设置</translation>
    </message>
    <message>
        <source>Fix the fields marked in red</source>
        <translation>请修正标红的字段</translation>
    </message>
    <message>
        <source>What the training is doing</source>
        <translation>训练当前的状态</translation>
    </message>
    <message>
        <source>Epochs done out of the planned number, and the estimated time left</source>
        <translation>已完成的 epoch 数与计划数之比，以及预计剩余时间</translation>
    </message>
    <message>
        <source>Epochs completed</source>
        <translation>已完成的 epoch 数</translation>
    </message>
    <message>
        <source>Training cost J of the last epoch (test cost in brackets)</source>
        <translation>最近一个 epoch 的训练成本 J（括号内为测试成本）</translation>
    </message>
    <message>
        <source>Share of training examples classified correctly (test in brackets)</source>
        <translation>训练样本被正确分类的比例（括号内为测试集）</translation>
    </message>
    <message>
        <source>Optimizer steps (mini-batch updates) per second</source>
        <translation>每秒优化器步数（小批量更新次数）</translation>
    </message>
    <message>
        <source>cost –</source>
        <translation>成本 –</translation>
    </message>
    <message>
        <source>accuracy –</source>
        <translation>准确率 –</translation>
    </message>
    <message>
        <source>{count} steps/s</source>
        <translation>{count} 步/秒</translation>
    </message>
    <message>
        <source>– steps/s</source>
        <translation>– 步/秒</translation>
    </message>
    <message>
        <source>{epoch} / {target} epochs · ETA {time}</source>
        <translation>{epoch} / {target} epoch · 预计剩余 {time}</translation>
    </message>
    <message>
        <source>{epoch} / {target} epochs</source>
        <translation>{epoch} / {target} epoch</translation>
    </message>
    <message>
        <source>Epoch {epoch} / {target}</source>
        <translation>epoch {epoch} / {target}</translation>
    </message>
    <message>
        <source>cost {cost}</source>
        <translation>成本 {cost}</translation>
    </message>
    <message>
        <source>cost {cost} (test {test})</source>
        <translation>成本 {cost}（测试 {test}）</translation>
    </message>
    <message>
        <source>accuracy {accuracy} %</source>
        <translation>准确率 {accuracy} %</translation>
    </message>
    <message>
        <source>accuracy {accuracy} % (test {test} %)</source>
        <translation>准确率 {accuracy} %（测试 {test} %）</translation>
    </message>
    <message>
        <source>{count} steps/s on average</source>
        <translation>平均 {count} 步/秒</translation>
    </message>
</context>
<context>
    <name>Widgets</name>
    <message>
        <source>between {low} and {high}</source>
        <extracomment>applied by the application: widgets with the dynamic property invalid=true get a red frame</extracomment>
        <translation>在 {low} 与 {high} 之间</translation>
    </message>
    <message>
        <source>enter a number, e.g. 0.001 or 1e-8</source>
        <translation>请输入一个数，例如 0.001 或 1e-8</translation>
    </message>
    <message>
        <source>must be {range}</source>
        <translation>必须{range}</translation>
    </message>
    <message>
        <source>enter a whole number</source>
        <translation>请输入一个整数</translation>
    </message>
    <message>
        <source>must be between {low} and {high}</source>
        <translation>必须在 {low} 与 {high} 之间</translation>
    </message>
    <message>
        <source>enter a number, e.g. 0.0007 or 7e-4</source>
        <translation>请输入一个数，例如 0.0007 或 7e-4</translation>
    </message>
    <message>
        <source>Show or hide the {title} settings</source>
        <translation>显示或隐藏“{title}”设置</translation>
    </message>
</context>
</TS>
