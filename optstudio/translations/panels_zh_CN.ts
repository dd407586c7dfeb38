<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DatasetPanel</name>
    <message>
        <source>Data files (*.csv *.npz *.idx *.gz *-ubyte *.idx1-ubyte *.idx3-ubyte);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>two interleaving half circles (the course&apos;s data set; sklearn make_moons)</source>
        <extracomment>the descriptions of the built-in data sets (:data:`GENERATED`, :data:`BUNDLED` of the core), for the translation: shown with ``translate(&quot;DatasetPanel&quot;, text)`` (English if they change)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a small circle inside a larger one (sklearn make_circles)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gaussian clusters, one per class (sklearn make_blobs; noise = cluster spread)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>four quadrant clusters; opposite quadrants share a class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>two interleaved spirals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>two classes separated by a straight line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>8x8 handwritten digits, 10 classes, 1797 images (bundled with scikit-learn)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iris flowers: 4 measurements, 3 species, 150 examples (bundled with scikit-learn)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wisconsin breast cancer: 30 features, malignant/benign, 569 examples (bundled with scikit-learn)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>samples</source>
        <extracomment>the fields&apos; names in the error lines</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>noise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>factor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>centers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data_seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test_fraction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which examples the network learns from. The first six are generated 2-D toy problems (you can watch the decision boundary); digits, iris and breast_cancer are real data sets with more features, shown as a 2-D PCA projection. “Open file…” loads your own CSV (features, then the label in the last column), NPZ (arrays X and y) or MNIST IDX files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of examples to generate (training + test).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much random jitter is added to each point: more noise makes the classes overlap, so no boundary can be perfect. For blobs it is the spread of each cluster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>circles: radius of the inner circle divided by the outer one (0 … 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blobs: number of clusters, i.e. number of classes (more than 2 needs the softmax loss).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of the random numbers that generate the data and split off the test set. The same seed always gives the same data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a new sample of the same problem (adds 1 to the data seed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep only these classes, separated by commas (e.g. 0, 1 for digits 0 and 1). Leave empty to keep every class.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of the examples held back as a test set (0 = none). The network never trains on them, so the test cost and accuracy show how well it generalises.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift and scale every feature to mean 0 and standard deviation 1 (computed on the training set). Usually makes training faster and more stable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>moons only: generate the data exactly like the course notebook (np.random.seed(3); make_moons(300, noise=0.2)), so you can reproduce its numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a CSV, NPZ or MNIST IDX file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate</source>
        <extracomment>the folder the file dialog opens in (the last file&apos;s; the window remembers it)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all classes (or e.g. 0, 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standardise features (mean 0, std 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate like the course notebook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data set:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noise:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Factor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test fraction:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your file: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a data file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkDrawing</name>
    <message>
        <source>The network: each circle is a neuron, each line a weight W[l][j, i]. Blue = positive weight, red = negative; thicker = larger |w|. It changes as training updates the weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network appears when the data is loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hidden {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>positive weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>negative weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>thicker: larger |w|</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkPanel</name>
    <message>
        <source>a layer needs at least 1 unit, got {width}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most {limit} units per layer, got {width}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2 λ must be ≥ 0, got {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sigmoid output + binary cross-entropy</source>
        <extracomment>the core&apos;s descriptions of the losses and initialisers (:data:`LOSSES`, :data:`INITIALIZERS`), for the translation: shown with ``translate(&quot;NetworkPanel&quot;, text)`` (English if they change)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>softmax output + categorical cross-entropy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>square loss 1/(2m)·‖A − Y‖²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>He: W ~ N(0, 2/n[l−1]) (good with ReLU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xavier/Glorot: W ~ N(0, 2/(n[l−1] + n[l])) (good with tanh)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>normal with variance 1/n[l−1] (the homework)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>small random: W = 0.01·N(0, 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>standard normal: W ~ N(0, 1) (saturates sigmoid and tanh: vanishing gradients)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zeros: every unit in a layer stays the same (the symmetry problem)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ReLU: g(z) = max(0, z). The usual choice for hidden layers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leaky ReLU: g(z) = z for z &gt; 0, 0.01·z otherwise (never completely flat).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tanh: squashes z into (−1, 1); zero-centred.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sigmoid: σ(z) = 1/(1 + e^−z), squashes z into (0, 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>linear: g(z) = z (no non-linearity: stacked linear layers stay linear).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary cross-entropy with a sigmoid output: one output unit giving P(class 1). For two classes, as in the course.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Softmax output with categorical cross-entropy: one output unit per class. Needed for more than two classes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Square loss J = 1/(2m)·‖A − Y‖² with the output activation chosen below (the homework&apos;s loss).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of neurons (units) in this hidden layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation function g of this hidden layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this hidden layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a hidden layer at the end (before the output).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the network outputs and how the cost J measures its mistakes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation of the output layer (only for the square loss; bce uses sigmoid, softmax its own).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the weights are set before training (b starts at 0). Hover an entry for its formula.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2 regularisation strength λ ≥ 0: adds λ/(2m)·Σ‖W‖² to the cost, which pulls weights towards 0 and smooths the boundary. 0 = off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Add hidden layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer_dims: the number of units in each layer, input first. Parameters: every weight and bias the optimizer updates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss / output:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output activation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initialisation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2 λ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden layers (width, activation):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layers between the input and the output. Each has a number of neurons and an activation function.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer {number} width: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2 λ: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer_dims: (waiting for the data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer_dims = &lt;b&gt;{dims}&lt;/b&gt; &amp;nbsp;·&amp;nbsp; &lt;b&gt;{count}&lt;/b&gt; parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{activation} (set by the loss)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OptimizerPanel</name>
    <message>
        <source>The rule that turns the gradient dW into a change of the weights W. The list comes from the plugins (built-in and your own in the plugins folder).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate α: the size of each step. Too small: slow progress. Too large: the cost jumps around or blows up. Type 0.0007 or 7e-4. Must be &gt; 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How α changes during training (learning-rate decay). “Constant” keeps α fixed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mini-batch size: examples per gradient step. 1 = stochastic gradient descent; the whole training set = batch gradient descent; 64 is a typical mini-batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs: how many times the training goes through all the training examples. You can raise it while paused or after the end and continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of the random numbers for the initial weights and the shuffling of mini-batches. The same seed gives the same run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shuffle the mini-batches with the course notebook&apos;s seeds (10, 11, 12, …) and initialise with np.random.seed(seed), to reproduce the notebook&apos;s numbers exactly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The update rule of this optimizer, as the plugin describes it (α learning rate, dW gradient, t step number).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How this schedule computes α from the initial rate α0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight decay and clipping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared by every optimizer: L2 weight decay (coupled, dW + λ·W, or decoupled, W·(1 − α·λ)) and gradient clipping. 0 = off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shuffle with the notebook&apos;s seeds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update rule:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate α:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>α schedule:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mini-batch size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plugin: {source}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the plugin gives no formula)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>α is recomputed once per epoch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>α is recomputed before every mini-batch step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{description} ({recomputed})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learning rate α: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimizer {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schedule {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>α set to {optimizer}&apos;s suggested value {value}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{problem} (e.g. 0.001)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <source>&lt;i&gt;The plugin gives no description of this hyperparameter.&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed: {low} … {high}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (log scale: the arrows step 1, 2, 5, 10, 20, …; type e.g. 1e-8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choices: {choices}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlotExport</name>
    <message>
        <source>cannot save {path}: folder {folder} does not exist</source>
        <extracomment>The kinds of file a plot is exported to; anything else gets ``.png`` added.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot save {path}: it is a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot save {path}: the file could not be written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot save {path}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the picture could not be written to {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Plots</name>
    <message>
        <source>… {count} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;font-size:14px&apos;&gt;○&lt;/span&gt;&amp;nbsp;test point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision boundary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P(class 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show test points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw the test points (hollow circles): they are not used for training, so they show how well the boundary generalises.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>background: P(class 1) from the network (colour bar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>background: the class the network predicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training set in 2-D (PCA), coloured by predicted class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>principal component {number} ({percent} % of variance)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} features projected on 2 principal components. Colour: predicted class; ✕ = misclassified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch</source>
        <extracomment>scatter items (one per class and right/wrong) re-set per frame while training: a whole refresh of 20 items costs ~20 ms of the GUI thread; a few per frame keep every frame short</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logarithmic y axis: a value that keeps falling by the same factor looks like a straight line, and small late changes stay visible.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The confusion matrix appears when the network has made predictions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row: the true class. Column: the class the network predicts. The diagonal counts correct answers; everything else is a mistake.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the &lt;b&gt;test set&lt;/b&gt; ({total} examples): {correct} correct ({percent} %).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the &lt;b&gt;training set&lt;/b&gt; ({total} examples): {correct} correct ({percent} %).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Rows: true class&lt;/b&gt; · &lt;b&gt;columns: predicted class&lt;/b&gt; · the diagonal (green) counts correct answers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpeedControl</name>
    <message>
        <source>full speed</source>
        <extracomment>epochs per second at most, slowest first; None: full speed</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{pace} epoch/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{pace} epochs/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training speed: slow enough to watch the decision boundary form, up to full speed. The plots redraw at the same steady rate at every speed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingStatus</name>
    <message>
        <source>Ready</source>
        <extracomment>the state label&apos;s texts (the longest one sets its width)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One epoch…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: see the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the data settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the network settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the fields marked in red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the training is doing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs done out of the planned number, and the estimated time left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training cost J of the last epoch (test cost in brackets)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of training examples classified correctly (test in brackets)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer steps (mini-batch updates) per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cost –</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accuracy –</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} steps/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>– steps/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{epoch} / {target} epochs · ETA {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{epoch} / {target} epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch {epoch} / {target}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cost {cost}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cost {cost} (test {test})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accuracy {accuracy} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accuracy {accuracy} % (test {test} %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} steps/s on average</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Widgets</name>
    <message>
        <source>between {low} and {high}</source>
        <extracomment>applied by the application: widgets with the dynamic property invalid=true get a red frame</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enter a number, e.g. 0.001 or 1e-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be {range}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enter a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be between {low} and {high}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enter a number, e.g. 0.0007 or 7e-4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the {title} settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
