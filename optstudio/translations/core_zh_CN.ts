<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Experiment</name>
    <message>
        <source>experiment</source>
        <extracomment>Experiment and lab files nest a few levels (trajectory → runs → params); deeper is refused before parsing (100 000 levels would exhaust Python&apos;s stack, or its memory for TOML keys). An experiment or lab file is a few kilobytes of settings; a larger file is not one. what a file&apos;s ``translations`` may give per language</extracomment>
        <translation>实验设置</translation>
    </message>
    <message>
        <source>{where}: translations must be a table of languages, e.g. {example}, got {value}</source>
        <translation>{where}：translations 必须是按语言分的表，例如 {example}，得到的是 {value}</translation>
    </message>
    <message>
        <source>{where}: translations: a language must be a code such as &quot;zh_CN&quot;, got {value}</source>
        <translation>{where}：translations：语言必须是 &quot;zh_CN&quot; 这样的代码，得到的是 {value}</translation>
    </message>
    <message>
        <source>{where}: translations: {language} must be a table with title and instructions, got {value}</source>
        <translation>{where}：translations：{language} 必须是包含 title 和 instructions 的表，得到的是 {value}</translation>
    </message>
    <message>
        <source>{where}: translations: {language}: runs must map a run&apos;s label to its text, got {value}</source>
        <translation>{where}：translations：{language}：runs 必须把运行的标签对应到它的译文，得到的是 {value}</translation>
    </message>
    <message>
        <source>{where}: translations: {language}: unknown key {key} (known: {known})</source>
        <translation>{where}：translations：{language}：未知的键 {key}（已知：{known}）</translation>
    </message>
    <message>
        <source>{where}: translations: {language}: {key} must be text, got {value}</source>
        <translation>{where}：translations：{language}：{key} 必须是文本，得到的是 {value}</translation>
    </message>
    <message>
        <source>network: hidden layer widths must be whole numbers ≥ 1, got {value}</source>
        <translation>network：隐藏层宽度（神经元数）必须是 ≥ 1 的整数，得到的是 {value}</translation>
    </message>
    <message>
        <source>{layers} hidden layers need {layers} activations, got {count}</source>
        <translation>{layers} 个隐藏层需要 {layers} 个激活函数，得到的是 {count} 个</translation>
    </message>
    <message>
        <source>unknown activation {name} (available: {names})</source>
        <translation>未知的激活函数 {name}（可用：{names}）</translation>
    </message>
    <message>
        <source>unknown loss {name} (available: {names})</source>
        <translation>未知的损失函数 {name}（可用：{names}）</translation>
    </message>
    <message>
        <source>L2 strength λ must be a number ≥ 0, got {value}</source>
        <translation>L2 正则化强度 λ 必须是 ≥ 0 的数，得到的是 {value}</translation>
    </message>
    <message>
        <source>network: leaky_alpha must be a finite number ≥ 0, got {value}</source>
        <translation>network：leaky_alpha 必须是 ≥ 0 的有限数，得到的是 {value}</translation>
    </message>
    <message>
        <source>batch_norm must be true or false, got {value}</source>
        <translation>batch_norm 必须是 true 或 false，得到的是 {value}</translation>
    </message>
    <message>
        <source>optimizer: name must be an optimizer name, e.g. &quot;adam&quot;</source>
        <translation>optimizer：name 必须是优化器名称，例如 &quot;adam&quot;</translation>
    </message>
    <message>
        <source>schedule: name must be a schedule name, e.g. &quot;constant&quot;</source>
        <translation>schedule：name 必须是学习率调度名称，例如 &quot;constant&quot;</translation>
    </message>
    <message>
        <source>unknown preset {name} (available: {names})</source>
        <translation>未知的预设 {name}（可用：{names}）</translation>
    </message>
    <message>
        <source>{where}: expected a table of settings, got {type}</source>
        <translation>{where}：应为设置表，得到的是 {type}</translation>
    </message>
    <message>
        <source>{where} is not an OptStudio experiment (no &apos;optstudio&apos; version key)</source>
        <translation>{where} 不是 OptStudio 实验设置（缺少 &apos;optstudio&apos; 版本键）</translation>
    </message>
    <message>
        <source>{where} has format version {version}; this OptStudio reads version {supported}</source>
        <translation>{where} 的格式版本是 {version}；此 OptStudio 只能读取版本 {supported}</translation>
    </message>
    <message>
        <source>{where}: {key} must be text</source>
        <translation>{where}：{key} 必须是文本</translation>
    </message>
    <message>
        <source>{where}: runs must be a list of tables</source>
        <translation>{where}：runs 必须是由表组成的列表</translation>
    </message>
    <message>
        <source>{where}: run {number}: label must be text, e.g. &quot;Adam&quot;, got {value}</source>
        <translation>{where}：第 {number} 个运行：label 必须是文本，例如 &quot;Adam&quot;，得到的是 {value}</translation>
    </message>
    <message>
        <source>{where}: sweep</source>
        <translation>{where}：sweep</translation>
    </message>
    <message>
        <source>{where}: unknown section {key}</source>
        <translation>{where}：未知的节 {key}</translation>
    </message>
    <message>
        <source>{where}: {message}</source>
        <translation>{where}：{message}</translation>
    </message>
    <message>
        <source>{where}: run {number}</source>
        <translation>{where}：第 {number} 个运行</translation>
    </message>
    <message>
        <source>run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>{where}: {key} must be a table</source>
        <translation>{where}：{key} 必须是表</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>text values</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>whole numbers</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>numbers</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>布尔值（true 或 false）</translation>
    </message>
    <message>
        <source>true/false values</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>values</source>
        <translation>值</translation>
    </message>
    <message>
        <source>a list of {kinds}</source>
        <translation>{kinds}列表</translation>
    </message>
    <message>
        <source>a table of name = value</source>
        <translation>“名称 = 值”形式的表</translation>
    </message>
    <message>
        <source>{section}: {field} must be {expected}, got {value}</source>
        <translation>{section}：{field} 必须是{expected}，得到的是 {value}</translation>
    </message>
    <message>
        <source>{section}: {field} must be {expected}, e.g. {example}, got {value}</source>
        <translation>{section}：{field} 必须是{expected}，例如 {example}，得到的是 {value}</translation>
    </message>
    <message>
        <source>{where}: {key} must be a table of settings</source>
        <translation>{where}：{key} 必须是设置表</translation>
    </message>
    <message>
        <source>{where}: data: {message}</source>
        <translation>{where}：data：{message}</translation>
    </message>
    <message>
        <source>{where}: unknown {section} setting {key} (known: {known})</source>
        <translation>{where}：{section} 中未知的设置 {key}（已知：{known}）</translation>
    </message>
    <message>
        <source>experiment file {path} does not exist</source>
        <translation>实验设置文件 {path} 不存在</translation>
    </message>
    <message>
        <source>{path} is a folder, not an experiment file</source>
        <translation>{path} 是文件夹，不是实验设置文件</translation>
    </message>
    <message>
        <source>cannot read experiment file {path}: {reason}</source>
        <translation>无法读取实验设置文件 {path}：{reason}</translation>
    </message>
    <message>
        <source>{file} is larger than {size} MiB; an experiment file holds a few kilobytes of settings</source>
        <translation>{file} 大于 {size} MiB；实验设置文件只有几 KB 的设置</translation>
    </message>
    <message>
        <source>{file} is not a UTF-8 text file (byte {byte}); save it as UTF-8 JSON or TOML</source>
        <translation>{file} 不是 UTF-8 文本文件（字节位置 {byte}）；请将其另存为 UTF-8 编码的 JSON 或 TOML</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>{where} nests more than {levels} levels deep (line {line}); an experiment file needs only a few</source>
        <translation>{where} 的嵌套超过 {levels} 层（第 {line} 行）；实验设置文件只需要几层</translation>
    </message>
    <message>
        <source>{where} is not valid JSON (line {line}, column {column}: {reason})</source>
        <translation>{where} 不是有效的 JSON（第 {line} 行，第 {column} 列：{reason}）</translation>
    </message>
    <message>
        <source>{where} is too deeply nested or too large to read</source>
        <translation>{where} 嵌套太深或太大，无法读取</translation>
    </message>
    <message>
        <source>Expecting value</source>
        <extracomment>the reasons Python&apos;s JSON parser gives, shown in the current language (others stay as they are)</extracomment>
        <translation>此处应为一个值</translation>
    </message>
    <message>
        <source>Expecting property name enclosed in double quotes</source>
        <translation>此处应为用双引号括起的键名</translation>
    </message>
    <message>
        <source>Expecting &apos;:&apos; delimiter</source>
        <translation>此处应为分隔符 &apos;:&apos;</translation>
    </message>
    <message>
        <source>Expecting &apos;,&apos; delimiter</source>
        <translation>此处应为分隔符 &apos;,&apos;</translation>
    </message>
    <message>
        <source>Unterminated string starting at</source>
        <translation>字符串没有结束（从此处开始）</translation>
    </message>
    <message>
        <source>Invalid control character at</source>
        <translation>此处有无效的控制字符</translation>
    </message>
    <message>
        <source>Invalid \escape</source>
        <translation>无效的 \ 转义</translation>
    </message>
    <message>
        <source>Invalid \uXXXX escape</source>
        <translation>无效的 \uXXXX 转义</translation>
    </message>
    <message>
        <source>Extra data</source>
        <translation>多余的数据</translation>
    </message>
    <message>
        <source>Illegal trailing comma before end of object</source>
        <translation>对象结束前有多余的逗号</translation>
    </message>
    <message>
        <source>Illegal trailing comma before end of array</source>
        <translation>数组结束前有多余的逗号</translation>
    </message>
    <message>
        <source>{where} is not valid TOML ({reason})</source>
        <translation>{where} 不是有效的 TOML（{reason}）</translation>
    </message>
    <message>
        <source>TOML cannot store an empty value; use JSON</source>
        <translation>TOML 无法存储空值；请使用 JSON</translation>
    </message>
    <message>
        <source>cannot write {type} to TOML</source>
        <translation>无法将 {type} 写入 TOML</translation>
    </message>
    <message>
        <source>the data has {count} classes: binary cross-entropy needs 2; choose the softmax loss</source>
        <translation>数据有 {count} 个类别：二元交叉熵需要 2 个类别；请选择 softmax 损失</translation>
    </message>
</context>
<context>
    <name>ParamSpec</name>
    <message>
        <source>{name} must be true or false, got {value}</source>
        <translation>{name} 必须是 true 或 false，收到的是 {value}</translation>
    </message>
    <message>
        <source>{name} must be one of {choices}, got {value}</source>
        <translation>{name} 必须是 {choices} 之一，收到的是 {value}</translation>
    </message>
    <message>
        <source>{name} must be a number, got {value}</source>
        <translation>{name} 必须是一个数，收到的是 {value}</translation>
    </message>
    <message>
        <source>{name} must be a finite number, got {value}</source>
        <translation>{name} 必须是有限的数，收到的是 {value}</translation>
    </message>
    <message>
        <source>{name} must be a whole number, got {value}</source>
        <translation>{name} 必须是整数，收到的是 {value}</translation>
    </message>
    <message>
        <source>{name} must be &gt; {bound}, got {value}</source>
        <translation>{name} 必须 &gt; {bound}，收到的是 {value}</translation>
    </message>
    <message>
        <source>{name} must be at least {bound}, got {value}</source>
        <translation>{name} 至少为 {bound}，收到的是 {value}</translation>
    </message>
    <message>
        <source>{name} must be at most {bound}, got {value}</source>
        <translation>{name} 至多为 {bound}，收到的是 {value}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>unknown parameter {name} for {owner} (known: {known})</source>
        <translation>{owner} 没有参数 {name}（已知参数：{known}）</translation>
    </message>
    <message>
        <source>optimizer {name}</source>
        <extracomment>Coupled L2 weight decay, torch&apos;s ``weight_decay`` of SGD, RMSprop, Adam, Adagrad, …: dW ← dW + λ·W (see :class:`CoupledWeightDecay`). Decoupled weight decay, AdamW&apos;s: W ← W − α·λ·W before the update (:class:`DecoupledWeightDecay`). Clipping by global norm: dW ← dW·min(1, c/(‖dW‖ + 1e-6)) (:class:`ClipByGlobalNorm`). Clipping by value: dW ← clip(dW, −c, c) (:class:`ClipByValue`). The shared hyperparameters, in the order a form lists them; 0 means off for all of them. what a descriptor&apos;s ``translations`` may give per language (the descriptor&apos;s own field names; a formula is the course&apos;s notation in every language, so ``formula`` is rarely given), and per parameter (the :class:`ParamSpec` field names; ``choices`` maps a choice to its display text)</extracomment>
        <translation>优化器 {name}</translation>
    </message>
    <message>
        <source>unknown parameter {name} for {owner} (known: {known}) (shared by all optimizers: {shared})</source>
        <translation>{owner} 没有参数 {name}（已知参数：{known}）（所有优化器共有：{shared}）</translation>
    </message>
    <message>
        <source>schedule {name}</source>
        <translation>学习率调度 {name}</translation>
    </message>
</context>
<context>
    <name>activations</name>
    <message>
        <source>unknown activation {name} (available: {names})</source>
        <translation>未知的激活函数 {name}（可选：{names}）</translation>
    </message>
</context>
<context>
    <name>api</name>
    <message>
        <source>{what} must be one label per example (shape (m,) or (1, m)), got shape {shape}</source>
        <translation>{what} 必须每个样本一个标签（形状 (m,) 或 (1, m)），得到的形状是 {shape}</translation>
    </message>
    <message>
        <source>{what} must be numbers</source>
        <translation>{what} 必须是数值</translation>
    </message>
    <message>
        <source>{what} must be a table of numbers (2-D), got {count} dimensions</source>
        <translation>{what} 必须是数值表（二维），得到的是 {count} 维</translation>
    </message>
    <message>
        <source>{what} has shape {shape} and there are {count} labels, so it could hold one example per row or per column: say layout=&apos;rows&apos; (scikit-learn) or layout=&apos;columns&apos; (the course)</source>
        <translation>{what} 的形状是 {shape}，而标签有 {count} 个，所以既可能每行一个样本，也可能每列一个样本：请指定 layout=&apos;rows&apos;（scikit-learn）或 layout=&apos;columns&apos;（课程的写法）</translation>
    </message>
    <message>
        <source>{what} has shape {shape} but there are {count} labels: one side of {what} must be the number of examples</source>
        <translation>{what} 的形状是 {shape}，但标签有 {count} 个：{what} 的一边必须等于样本数</translation>
    </message>
    <message>
        <source>{what} has {rows} rows (examples) but there are {count} labels</source>
        <translation>{what} 有 {rows} 行（样本），但标签有 {count} 个</translation>
    </message>
    <message>
        <source>{what} has {columns} columns (examples) but there are {count} labels</source>
        <translation>{what} 有 {columns} 列（样本），但标签有 {count} 个</translation>
    </message>
    <message>
        <source>layout must be &apos;auto&apos;, &apos;rows&apos; or &apos;columns&apos;, got {value}</source>
        <translation>layout 必须是 &apos;auto&apos;、&apos;rows&apos; 或 &apos;columns&apos;，得到的是 {value}</translation>
    </message>
    <message>
        <source>{what} holds values that are not finite numbers (nan or inf)</source>
        <translation>{what} 中有不是有限数的值（nan 或 inf）</translation>
    </message>
    <message>
        <source>give both X_test and y_test, or neither</source>
        <translation>请同时给出 X_test 和 y_test，或者都不给</translation>
    </message>
    <message>
        <source>X_test has {test} features but X has {train}</source>
        <translation>X_test 有 {test} 个特征，但 X 有 {train} 个</translation>
    </message>
    <message>
        <source>the labels hold {count} class; a classifier needs at least 2</source>
        <translation>标签中只有 {count} 个类别；分类器至少需要 2 个</translation>
    </message>
</context>
<context>
    <name>batchnorm</name>
    <message>
        <source>batch-norm layers must be layer numbers, got {value}</source>
        <translation>批归一化层必须是层号，得到的是 {value}</translation>
    </message>
    <message>
        <source>layer {layer} is the output layer, which is never batch-normalised</source>
        <translation>第 {layer} 层是输出层，输出层从不做批归一化</translation>
    </message>
    <message>
        <source>batch-norm layer {layer} does not exist (hidden layers are 1 … {last})</source>
        <translation>批归一化层 {layer} 不存在（隐藏层为 1 … {last}）</translation>
    </message>
    <message>
        <source>batch-norm momentum must be in [0, 1), got {value}</source>
        <translation>批归一化的动量必须在 [0, 1) 内，得到的是 {value}</translation>
    </message>
    <message>
        <source>batch-norm ε must be a number &gt; 0, got {value}</source>
        <translation>批归一化的 ε 必须是大于 0 的数，得到的是 {value}</translation>
    </message>
</context>
<context>
    <name>build</name>
    <message>
        <source>a network of layers {layers} trained on {count} examples</source>
        <extracomment>float64 arrays of one parameter per parameter: θ and dθ, the initialisation&apos;s draw and up to three optimizer state arrays (AMSGrad keeps v, s and ŝ) float64 arrays per unit and example in a forward/backward pass: Z, A (or the mask), dZ, dA and the loss&apos;s scratch array</extracomment>
        <translation>层结构为 {layers}、在 {count} 个样本上训练的网络</translation>
    </message>
    <message>
        <source>{problem}; use fewer or narrower hidden layers</source>
        <translation>{problem}；请减少隐藏层的数量或宽度</translation>
    </message>
    <message>
        <source>unknown name</source>
        <translation>未知名称</translation>
    </message>
    <message>
        <source>nothing to train: no experiment given</source>
        <translation>没有可训练的内容：未给出实验设置</translation>
    </message>
</context>
<context>
    <name>datasets</name>
    <message>
        <source>expected points of shape ({features}, m) (one point per column), got shape {shape}</source>
        <extracomment>other accepted spellings of built-in names (after lower-casing and stripping) DataSpec fields that matter for every data set (``data_seed`` also seeds the split).</extracomment>
        <translation>需要形状为 ({features}, m) 的点（每列一个点），得到的形状是 {shape}</translation>
    </message>
    <message>
        <source>data option &apos;{key}&apos; must be an integer, got {value}</source>
        <translation>数据选项“{key}”必须是整数，得到的是 {value}</translation>
    </message>
    <message>
        <source>data option &apos;{key}&apos; must be a number, got {value}</source>
        <translation>数据选项“{key}”必须是数，得到的是 {value}</translation>
    </message>
    <message>
        <source>data option &apos;{key}&apos; must be true or false, got {value}</source>
        <translation>数据选项“{key}”必须是 true 或 false，得到的是 {value}</translation>
    </message>
    <message>
        <source>data option &apos;{key}&apos; must be a string, got {value}</source>
        <translation>数据选项“{key}”必须是字符串，得到的是 {value}</translation>
    </message>
    <message>
        <source>data option &apos;{key}&apos; must be a list of class labels or null, got {value}</source>
        <translation>数据选项“{key}”必须是类别标签列表或 null，得到的是 {value}</translation>
    </message>
    <message>
        <source>data options must be a mapping of option -&gt; value, got {type}</source>
        <translation>数据选项必须是“选项 -&gt; 值”的映射，得到的是 {type}</translation>
    </message>
    <message>
        <source>unknown data options {names}; known options: {known}</source>
        <translation>未知的数据选项 {names}；已知选项：{known}</translation>
    </message>
    <message>
        <source>unknown data option {names}; known options: {known}</source>
        <translation>未知的数据选项 {names}；已知选项：{known}</translation>
    </message>
    <message>
        <source>test_fraction must be at least 0 and below 1, got {value}</source>
        <translation>test_fraction 必须大于等于 0 且小于 1，得到的是 {value}</translation>
    </message>
    <message>
        <source>data_seed must be between 0 and {most}, got {value}</source>
        <translation>data_seed 必须在 0 到 {most} 之间，得到的是 {value}</translation>
    </message>
    <message>
        <source>unknown preset {name}; choose one of {names}</source>
        <translation>未知的预设 {name}；可选：{names}</translation>
    </message>
    <message>
        <source>samples must be at least 2, got {value}</source>
        <translation>样本数至少为 2，得到的是 {value}</translation>
    </message>
    <message>
        <source>samples must be at most {most}, got {value}</source>
        <translation>样本数最多为 {most}，得到的是 {value}</translation>
    </message>
    <message>
        <source>noise must be a finite number &gt;= 0, got {value}</source>
        <translation>噪声必须是 &gt;= 0 的有限数，得到的是 {value}</translation>
    </message>
    <message>
        <source>factor (inner/outer circle radius) must be at least 0 and below 1, got {value}</source>
        <translation>factor（内圆/外圆半径之比）必须大于等于 0 且小于 1，得到的是 {value}</translation>
    </message>
    <message>
        <source>centers (number of classes) must be between 2 and {most}, got {value}</source>
        <translation>centers（类别数）必须在 2 到 {most} 之间，得到的是 {value}</translation>
    </message>
    <message>
        <source>blobs needs at least one sample per class: samples {samples} &lt; centers {centers}</source>
        <translation>blobs 每个类别至少需要一个样本：样本数 {samples} &lt; 类别数 {centers}</translation>
    </message>
    <message>
        <source>cannot load the bundled data set &apos;{name}&apos;: {error}</source>
        <translation>无法加载自带的数据集“{name}”：{error}</translation>
    </message>
    <message>
        <source>unknown dataset &apos;{name}&apos;; choose one of {names}, or give the path of a .csv, .npz or MNIST IDX file</source>
        <translation>未知的数据集“{name}”；可选：{names}，或者给出 .csv、.npz 或 MNIST IDX 文件的路径</translation>
    </message>
    <message>
        <source>data file &apos;{path}&apos; not found</source>
        <translation>找不到数据文件“{path}”</translation>
    </message>
    <message>
        <source>data file &apos;{display}&apos; is not a valid gzip file ({error})</source>
        <extracomment>Reading a CSV file takes about this many bytes of memory per byte of text (Python&apos;s lists of fields, then the arrays); measured at about 20.</extracomment>
        <translation>数据文件“{display}”不是有效的 gzip 文件（{error}）</translation>
    </message>
    <message>
        <source>cannot read data file &apos;{display}&apos;: {reason}</source>
        <translation>无法读取数据文件“{display}”：{reason}</translation>
    </message>
    <message>
        <source>data file &apos;{display}&apos; is larger than {limit}</source>
        <translation>数据文件“{display}”大于 {limit}</translation>
    </message>
    <message>
        <source>reading data file &apos;{display}&apos; ({size} of text)</source>
        <translation>读取数据文件“{display}”（{size} 文本）</translation>
    </message>
    <message>
        <source>data file &apos;{display}&apos; is too large</source>
        <translation>数据文件“{display}”太大</translation>
    </message>
    <message>
        <source>data file &apos;{display}&apos; unpacks to more than {limit} of text; reading it</source>
        <translation>数据文件“{display}”解压后超过 {limit} 文本；读取它</translation>
    </message>
    <message>
        <source>data file &apos;{display}&apos; is not a UTF-8 text file; expected .csv, .npz or MNIST IDX</source>
        <translation>数据文件“{display}”不是 UTF-8 文本文件；需要 .csv、.npz 或 MNIST IDX</translation>
    </message>
    <message>
        <source>data file &apos;{display}&apos; is empty</source>
        <translation>数据文件“{display}”是空的</translation>
    </message>
    <message>
        <source>data file &apos;{display}&apos; line {line}: {error}</source>
        <translation>数据文件“{display}”第 {line} 行：{error}</translation>
    </message>
    <message>
        <source>commas</source>
        <translation>逗号</translation>
    </message>
    <message>
        <source>semicolons</source>
        <translation>分号</translation>
    </message>
    <message>
        <source>tabs</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>separators</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <source>data file &apos;{display}&apos; holds no values, only {separators} and empty fields (expected numbers, then a label, on each line)</source>
        <translation>数据文件“{display}”中没有数值，只有{separators}和空字段（每行应是若干数值，最后是标签）</translation>
    </message>
    <message>
        <source>data file &apos;{display}&apos; line {line}: need at least 2 columns (features, then the label), found 1 (separate values with commas)</source>
        <translation>数据文件“{display}”第 {line} 行：至少需要 2 列（特征，然后是标签），只找到 1 列（请用逗号分隔数值）</translation>
    </message>
    <message>
        <source>data file &apos;{display}&apos; has a header but no data rows</source>
        <translation>数据文件“{display}”有表头但没有数据行</translation>
    </message>
    <message>
        <source>data file &apos;{display}&apos; line {line}: expected {width} values ({numbers} numbers, then a label), got {count}</source>
        <translation>数据文件“{display}”第 {line} 行：需要 {width} 个值（{numbers} 个数值，然后是标签），得到 {count} 个</translation>
    </message>
    <message>
        <source>an empty field</source>
        <translation>空字段</translation>
    </message>
    <message>
        <source>data file &apos;{display}&apos; line {line}: expected {count} numbers, then a label; got {got} in column {column}</source>
        <translation>数据文件“{display}”第 {line} 行：需要 {count} 个数值，然后是标签；第 {column} 列得到的是 {got}</translation>
    </message>
    <message>
        <source>data file &apos;{display}&apos; line {line}: value &apos;{value}&apos; in column {column} is not a finite number</source>
        <translation>数据文件“{display}”第 {line} 行：第 {column} 列的值“{value}”不是有限数</translation>
    </message>
    <message>
        <source>data file &apos;{display}&apos; line {line}: the label (last column) is empty</source>
        <translation>数据文件“{display}”第 {line} 行：标签（最后一列）为空</translation>
    </message>
    <message>
        <source>data file &apos;{display}&apos; line {line}: label &apos;{label}&apos; is not a valid class</source>
        <translation>数据文件“{display}”第 {line} 行：标签“{label}”不是有效的类别</translation>
    </message>
    <message>
        <source>array &apos;{name}&apos; in &apos;{display}&apos; holds Python objects; OptStudio never unpickles data files, save plain numeric arrays (np.savez(path, X=..., y=...))</source>
        <translation>“{display}”中的数组“{name}”包含 Python 对象；OptStudio 从不反序列化（unpickle）数据文件，请保存普通的数值数组（np.savez(path, X=..., y=...)）</translation>
    </message>
    <message>
        <source>cannot read array &apos;{name}&apos; in &apos;{display}&apos;: {error}</source>
        <translation>无法读取“{display}”中的数组“{name}”：{error}</translation>
    </message>
    <message>
        <source>cannot read array headers in &apos;{display}&apos;: {error}</source>
        <extracomment>Bytes of memory per element of a .npz array beyond the array itself: its float64 copy, its split and its standardised version.</extracomment>
        <translation>无法读取“{display}”中的数组头：{error}</translation>
    </message>
    <message>
        <source>data file &apos;{display}&apos; ({shapes})</source>
        <translation>数据文件“{display}”（{shapes}）</translation>
    </message>
    <message>
        <source>cannot read &apos;{display}&apos; as a .npz file: {error}</source>
        <translation>无法将“{display}”作为 .npz 文件读取：{error}</translation>
    </message>
    <message>
        <source>&apos;{display}&apos; holds a single array; save X and y together with np.savez(path, X=X, y=y)</source>
        <translation>“{display}”只包含一个数组；请用 np.savez(path, X=X, y=y) 将 X 和 y 一起保存</translation>
    </message>
    <message>
        <source>data file &apos;{display}&apos; must contain arrays &apos;X&apos; (examples x features) and &apos;y&apos; (labels); found: {names}</source>
        <translation>数据文件“{display}”必须包含数组“X”（样本 x 特征）和“y”（标签）；找到的是：{names}</translation>
    </message>
    <message>
        <source>no arrays</source>
        <translation>没有数组</translation>
    </message>
    <message>
        <source>array &apos;X&apos; in &apos;{display}&apos; must be numeric, got dtype {dtype}</source>
        <translation>“{display}”中的数组“X”必须是数值类型，得到的 dtype 是 {dtype}</translation>
    </message>
    <message>
        <source>array &apos;y&apos; in &apos;{display}&apos; must hold numbers or strings, got dtype {dtype}</source>
        <translation>“{display}”中的数组“y”必须是数值或字符串，得到的 dtype 是 {dtype}</translation>
    </message>
    <message>
        <source>array &apos;y&apos; in &apos;{display}&apos; must be 1-D (one label per example), got shape {shape}</source>
        <translation>“{display}”中的数组“y”必须是一维的（每个样本一个标签），得到的形状是 {shape}</translation>
    </message>
    <message>
        <source>array &apos;X&apos; in &apos;{display}&apos; must be 2-D (examples x features), got a scalar</source>
        <translation>“{display}”中的数组“X”必须是二维的（样本 x 特征），得到的是标量</translation>
    </message>
    <message>
        <source>data file &apos;{display}&apos;: X has {examples} examples (rows) but y has {labels} labels</source>
        <translation>数据文件“{display}”：X 有 {examples} 个样本（行），但 y 有 {labels} 个标签</translation>
    </message>
    <message>
        <source>data file &apos;{display}&apos; holds no data (X has shape {shape})</source>
        <translation>数据文件“{display}”没有数据（X 的形状是 {shape}）</translation>
    </message>
    <message>
        <source>array &apos;X&apos; in &apos;{display}&apos; contains NaN or infinite values</source>
        <translation>“{display}”中的数组“X”包含 NaN 或无穷大的值</translation>
    </message>
    <message>
        <source>array &apos;y&apos; in &apos;{display}&apos; contains NaN or infinite labels</source>
        <translation>“{display}”中的数组“y”包含 NaN 或无穷大的标签</translation>
    </message>
    <message>
        <source>IDX file &apos;{display}&apos; is truncated ({size} bytes)</source>
        <translation>IDX 文件“{display}”不完整（{size} 字节）</translation>
    </message>
    <message>
        <source>&apos;{display}&apos; is not an IDX images file: magic number {magic}, expected {expected}</source>
        <translation>“{display}”不是 IDX 图像文件：魔数为 {magic}，应为 {expected}</translation>
    </message>
    <message>
        <source>IDX file &apos;{display}&apos; is truncated: its header needs {need} bytes, the file has {size}</source>
        <translation>IDX 文件“{display}”不完整：文件头需要 {need} 字节，文件只有 {size} 字节</translation>
    </message>
    <message>
        <source>IDX file &apos;{display}&apos; is truncated: its header announces {count} images of {rows}x{cols} pixels ({need} bytes) but it has only {size} bytes</source>
        <translation>IDX 文件“{display}”不完整：文件头声明有 {count} 张 {rows}x{cols} 像素的图像（{need} 字节），但文件只有 {size} 字节</translation>
    </message>
    <message>
        <source>IDX file &apos;{display}&apos; is corrupt: {extra} unexpected bytes after the {count} images of {rows}x{cols} pixels its header announces</source>
        <translation>IDX 文件“{display}”已损坏：在文件头声明的 {count} 张 {rows}x{cols} 像素的图像之后多出 {extra} 字节</translation>
    </message>
    <message>
        <source>IDX file &apos;{display}&apos; holds no images</source>
        <translation>IDX 文件“{display}”中没有图像</translation>
    </message>
    <message>
        <source>&apos;{display}&apos; is not an IDX labels file: magic number {magic}, expected {expected}</source>
        <translation>“{display}”不是 IDX 标签文件：魔数为 {magic}，应为 {expected}</translation>
    </message>
    <message>
        <source>IDX file &apos;{display}&apos; is truncated: its header announces {count} labels but it has only {size}</source>
        <translation>IDX 文件“{display}”不完整：文件头声明有 {count} 个标签，但只有 {size} 个</translation>
    </message>
    <message>
        <source>IDX file &apos;{display}&apos; is corrupt: {extra} unexpected bytes after its {count} labels</source>
        <translation>IDX 文件“{display}”已损坏：在 {count} 个标签之后多出 {extra} 字节</translation>
    </message>
    <message>
        <source>IDX file &apos;{display}&apos; ({count} images of {rows}x{cols} pixels)</source>
        <extracomment>Bytes of memory per pixel of an IDX images file: the uint8 file and three float64 copies.</extracomment>
        <translation>IDX 文件“{display}”（{count} 张 {rows}x{cols} 像素的图像）</translation>
    </message>
    <message>
        <source>IDX file &apos;{display}&apos; ({count} labels)</source>
        <translation>IDX 文件“{display}”（{count} 个标签）</translation>
    </message>
    <message>
        <source>cannot find the partner of IDX images file &apos;{display}&apos;: name the files like &apos;train-images-idx3-ubyte&apos; and &apos;train-labels-idx1-ubyte&apos; side by side</source>
        <translation>找不到与 IDX 图像文件“{display}”配对的文件：请把文件命名为“train-images-idx3-ubyte”和“train-labels-idx1-ubyte”并放在同一文件夹</translation>
    </message>
    <message>
        <source>cannot find the partner of IDX labels file &apos;{display}&apos;: name the files like &apos;train-images-idx3-ubyte&apos; and &apos;train-labels-idx1-ubyte&apos; side by side</source>
        <translation>找不到与 IDX 标签文件“{display}”配对的文件：请把文件命名为“train-images-idx3-ubyte”和“train-labels-idx1-ubyte”并放在同一文件夹</translation>
    </message>
    <message>
        <source>IDX images file &apos;{path}&apos; not found (needed next to &apos;{display}&apos;)</source>
        <translation>找不到 IDX 图像文件“{path}”（应与“{display}”放在一起）</translation>
    </message>
    <message>
        <source>IDX labels file &apos;{path}&apos; not found (needed next to &apos;{display}&apos;)</source>
        <translation>找不到 IDX 标签文件“{path}”（应与“{display}”放在一起）</translation>
    </message>
    <message>
        <source>IDX files &apos;{images}&apos; and &apos;{labels}&apos; disagree: {image_count} images but {label_count} labels</source>
        <translation>IDX 文件“{images}”和“{labels}”不一致：有 {image_count} 张图像，但有 {label_count} 个标签</translation>
    </message>
    <message>
        <source>cannot read folder &apos;{display}&apos;: {reason}</source>
        <translation>无法读取文件夹“{display}”：{reason}</translation>
    </message>
    <message>
        <source>folder &apos;{display}&apos; holds no MNIST IDX files (expected train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz])</source>
        <translation>文件夹“{display}”中没有 MNIST IDX 文件（需要 train-images-idx3-ubyte[.gz] 和 train-labels-idx1-ubyte[.gz]）</translation>
    </message>
    <message>
        <source>folder &apos;{display}&apos;: test images have {test} pixels, training images {train}</source>
        <translation>文件夹“{display}”：测试图像有 {test} 个像素，训练图像有 {train} 个</translation>
    </message>
</context>
<context>
    <name>desktop</name>
    <message>
        <source>cannot write {path}: {reason}</source>
        <extracomment>A themed icon name used when the packaged icon file is missing.</extracomment>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>cannot remove {path}: {reason}</source>
        <translation>无法删除 {path}：{reason}</translation>
    </message>
</context>
<context>
    <name>engine</name>
    <message>
        <source>the training set is empty</source>
        <extracomment>a run whose training cost grows above this many times max(1, its cost before training) has diverged even while the cost is still a finite number</extracomment>
        <translation>训练集是空的</translation>
    </message>
    <message>
        <source>the data has {features} features but the network expects {expected}</source>
        <translation>数据有 {features} 个特征，但网络需要 {expected} 个</translation>
    </message>
    <message>
        <source>the learning-rate schedule gave {rate} at epoch {epoch}; it must be a positive number</source>
        <translation>学习率调度在 epoch {epoch} 给出了 {rate}；学习率必须是正数</translation>
    </message>
    <message>
        <source>the decision boundary needs two input features</source>
        <translation>决策边界需要两个输入特征</translation>
    </message>
    <message>
        <source>Stopped after epoch {epoch}.</source>
        <extracomment>compute the cost of each epoch&apos;s last mini-batch (``EpochRecord.last_batch_cost``, the curve the notebook prints); a sweep, which reports none of it, sets it False (nan is recorded)</extracomment>
        <translation>在 epoch {epoch} 后停止。</translation>
    </message>
    <message>
        <source>Finished {epochs} epochs.</source>
        <translation>已完成 {epochs} 个 epoch。</translation>
    </message>
    <message>
        <source>Paused after epoch {epoch}.</source>
        <translation>在 epoch {epoch} 后暂停。</translation>
    </message>
    <message>
        <source>Training diverged at epoch {epoch}: the cost became {value} (learning rate {rate}). Try a lower learning rate.</source>
        <translation>训练在 epoch {epoch} 发散：成本变成了 {value}（学习率 {rate}）。请尝试更小的学习率。</translation>
    </message>
    <message>
        <source>Training diverged at epoch {epoch}: the parameters became {value} (learning rate {rate}). Try a lower learning rate.</source>
        <translation>训练在 epoch {epoch} 发散：参数变成了 {value}（学习率 {rate}）。请尝试更小的学习率。</translation>
    </message>
    <message>
        <source>Training diverged at epoch {epoch}: the cost grew to {cost}, over {factor} times where it started (learning rate {rate}). Try a lower learning rate.</source>
        <translation>训练在 epoch {epoch} 发散：成本增长到 {cost}，超过初始值的 {factor} 倍（学习率 {rate}）。请尝试更小的学习率。</translation>
    </message>
</context>
<context>
    <name>ewa</name>
    <message>
        <source>β must be a number in [0, 1), got {value}</source>
        <translation>β 必须是 [0, 1) 内的数，得到的是 {value}</translation>
    </message>
    <message>
        <source>days must be a whole number ≥ 1, got {value}</source>
        <translation>天数必须是 ≥ 1 的整数，得到的是 {value}</translation>
    </message>
    <message>
        <source>noise must be a number ≥ 0, got {value}</source>
        <translation>噪声必须是 ≥ 0 的数，得到的是 {value}</translation>
    </message>
</context>
<context>
    <name>executors</name>
    <message>
        <source>--scheduler needs Dask&apos;s distributed package: pip install &quot;optstudio[cluster]&quot;</source>
        <translation>--scheduler 需要 Dask 的 distributed 包：pip install &quot;optstudio[cluster]&quot;</translation>
    </message>
    <message>
        <source>cannot reach the Dask scheduler at {address}: {error}</source>
        <translation>无法连接位于 {address} 的 Dask 调度器：{error}</translation>
    </message>
    <message>
        <source>{address} is not a Dask scheduler address ({error}); write it like tcp://HOST:8786</source>
        <translation>{address} 不是 Dask 调度器地址（{error}）；请写成 tcp://HOST:8786 的形式</translation>
    </message>
</context>
<context>
    <name>functions2d</name>
    <message>
        <source>unknown function {name} (available: {names})</source>
        <translation>未知的函数 {name}（可选：{names}）</translation>
    </message>
</context>
<context>
    <name>hessian</name>
    <message>
        <source>no second derivative for activation {name}</source>
        <extracomment>How :class:`Objective` computes Hessian-vector products (&quot;auto&quot;: exact where possible). relative step of the central difference: h = FD_STEP·max(1, ‖θ‖)/‖v‖</extracomment>
        <translation>激活函数 {name} 没有二阶导数</translation>
    </message>
    <message>
        <source>the cost needs at least one example</source>
        <translation>计算成本至少需要一个样本</translation>
    </message>
    <message>
        <source>the exact Hessian-vector product needs a network without batch normalisation</source>
        <translation>精确的黑塞矩阵（Hessian）向量积需要没有批归一化的网络</translation>
    </message>
</context>
<context>
    <name>landscape</name>
    <message>
        <source>a weight path keeps at least 3 points</source>
        <extracomment>The two kinds of planes.</extracomment>
        <translation>权重路径至少保留 3 个点</translation>
    </message>
    <message>
        <source>the line needs at least 2 points, got {value}</source>
        <translation>直线至少需要 2 个点，得到的是 {value}</translation>
    </message>
    <message>
        <source>the line must run from a smaller t to a larger one, got {start} to {stop}</source>
        <translation>直线必须从较小的 t 到较大的 t，得到的是从 {start} 到 {stop}</translation>
    </message>
    <message>
        <source>the principal directions need the weights of at least 3 epochs</source>
        <translation>主方向至少需要 3 个 epoch 的权重</translation>
    </message>
    <message>
        <source>the weights did not move: there is no principal direction</source>
        <translation>权重没有变化：不存在主方向</translation>
    </message>
    <message>
        <source>unknown directions {name} (available: {names})</source>
        <translation>未知的方向 {name}（可选：{names}）</translation>
    </message>
    <message>
        <source>the grid needs a resolution of at least 2, got {value}</source>
        <translation>网格的分辨率至少为 2，得到的是 {value}</translation>
    </message>
    <message>
        <source>the span must be &gt; 0, got {value}</source>
        <translation>范围必须大于 0，得到的是 {value}</translation>
    </message>
    <message>
        <source>the weights are all zero: filter-normalised directions are zero too</source>
        <translation>权重全为零：按滤波器归一化的方向也全为零</translation>
    </message>
</context>
<context>
    <name>lr_range</name>
    <message>
        <source>α at the lowest cost / 10</source>
        <extracomment>How the suggested learning rate is chosen.</extracomment>
        <translation>成本最低处的 α / 10</translation>
    </message>
    <message>
        <source>the range test needs at least 2 steps, got {value}</source>
        <translation>学习率范围测试至少需要 2 步，得到的是 {value}</translation>
    </message>
    <message>
        <source>the range test&apos;s start learning rate must be a number &gt; 0, got {value}</source>
        <translation>学习率范围测试的起始学习率必须是大于 0 的数，得到的是 {value}</translation>
    </message>
    <message>
        <source>the range test&apos;s stop learning rate must be a number &gt; 0, got {value}</source>
        <translation>学习率范围测试的终止学习率必须是大于 0 的数，得到的是 {value}</translation>
    </message>
    <message>
        <source>the range test&apos;s stop learning rate ({stop}) must be larger than its start ({start})</source>
        <translation>学习率范围测试的终止学习率（{stop}）必须大于起始学习率（{start}）</translation>
    </message>
    <message>
        <source>The cost became {cost} at α = {rate}.</source>
        <translation>在 α = {rate} 时成本变成了 {cost}。</translation>
    </message>
    <message>
        <source>The cost grew to {cost}, over {factor} times its lowest value {lowest}, at α = {rate}.</source>
        <translation>在 α = {rate} 时成本增长到 {cost}，超过其最低值 {lowest} 的 {factor} 倍。</translation>
    </message>
    <message>
        <source>{count} updates from α = {first} to {last}.</source>
        <translation>从 α = {first} 到 {last} 共 {count} 次更新。</translation>
    </message>
</context>
<context>
    <name>memory</name>
    <message>
        <source>{variable} is {limit}</source>
        <extracomment>Environment variable that sets the limit (see the module docstring). The limit when the computer&apos;s memory cannot be found.</extracomment>
        <translation>{variable} 为 {limit}</translation>
    </message>
    <message>
        <source>OptStudio uses at most {limit} on this computer; set {variable} to change it</source>
        <translation>OptStudio 在这台计算机上最多使用 {limit}；设置 {variable} 可以更改</translation>
    </message>
    <message>
        <source>more than {limit}</source>
        <translation>超过 {limit}</translation>
    </message>
    <message>
        <source>{what} would need {amount} of memory ({source})</source>
        <translation>{what}将需要 {amount} 内存（{source}）</translation>
    </message>
</context>
<context>
    <name>network</name>
    <message>
        <source>unknown initialiser {name} (available: {names})</source>
        <translation>未知的初始化方法 {name}（可选：{names}）</translation>
    </message>
    <message>
        <source>layer_dims must be at least two positive sizes, got {dims}</source>
        <translation>layer_dims 至少需要两个正的层大小，得到的是 {dims}</translation>
    </message>
    <message>
        <source>unknown loss {name} (available: {names})</source>
        <translation>未知的损失函数 {name}（可选：{names}）</translation>
    </message>
    <message>
        <source>binary cross-entropy needs one output unit; use the softmax loss for several classes</source>
        <translation>二元交叉熵需要一个输出神经元；多个类别请使用 softmax 损失</translation>
    </message>
    <message>
        <source>the softmax loss needs at least two output units</source>
        <translation>softmax 损失至少需要两个输出神经元</translation>
    </message>
    <message>
        <source>L2 strength λ must be ≥ 0, got {value}</source>
        <translation>L2 正则化强度 λ 必须 ≥ 0，得到的是 {value}</translation>
    </message>
    <message>
        <source>{layers} hidden layers need {layers} activations, got {count}</source>
        <translation>{layers} 个隐藏层需要 {layers} 个激活函数，得到 {count} 个</translation>
    </message>
</context>
<context>
    <name>online</name>
    <message>
        <source>steps must be a whole number ≥ 1, got {value}</source>
        <extracomment>The online problems :func:`run_online` knows.</extracomment>
        <translation>步数必须是 ≥ 1 的整数，得到的是 {value}</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>{name} must be a number, got {value}</source>
        <translation>{name} 必须是数，得到的是 {value}</translation>
    </message>
    <message>
        <source>learning rate must be a number &gt; 0, got {value}</source>
        <translation>学习率必须是大于 0 的数，得到的是 {value}</translation>
    </message>
    <message>
        <source>C must be &gt; 2 (then x = −1 is the best point), got {value}</source>
        <translation>C 必须大于 2（此时 x = −1 是最优点），得到的是 {value}</translation>
    </message>
    <message>
        <source>start must be in the feasible set [−1, 1], got {value}</source>
        <translation>起点必须在可行集 [−1, 1] 内，得到的是 {value}</translation>
    </message>
    <message>
        <source>the learning-rate schedule gave {rate} at step {step}; it must be a positive number</source>
        <translation>学习率调度在第 {step} 步给出了 {rate}；学习率必须是正数</translation>
    </message>
    <message>
        <source>x became {value} at step {step}.</source>
        <translation>在第 {step} 步 x 变成了 {value}。</translation>
    </message>
    <message>
        <source>Finished {steps} steps at x = {x}, average regret {regret}.</source>
        <translation>完成 {steps} 步，停在 x = {x}，平均遗憾（regret）{regret}。</translation>
    </message>
</context>
<context>
    <name>probes</name>
    <message>
        <source>a tracked quantity is a name, got {value}</source>
        <extracomment>What a :class:`Tracker` can measure.</extracomment>
        <translation>跟踪的量必须是名称，得到的是 {value}</translation>
    </message>
    <message>
        <source>unknown tracked quantity {name} (available: {names})</source>
        <translation>未知的跟踪量 {name}（可选：{names}）</translation>
    </message>
    <message>
        <source>nothing to track: give one or more of {names}</source>
        <translation>没有要跟踪的量：请给出以下一个或多个：{names}</translation>
    </message>
    <message>
        <source>measure every N epochs: N must be a whole number ≥ 1, got {value}</source>
        <translation>每 N 个 epoch 测量一次：N 必须是 ≥ 1 的整数，得到的是 {value}</translation>
    </message>
</context>
<context>
    <name>sweep</name>
    <message>
        <source>{where}: write start:stop:count, e.g. 1e-4:1e-1:10, got {value}</source>
        <extracomment>the most runs trained as one stack: more rows share each call&apos;s overhead, until the stack&apos;s arrays leave the caches (measured on the notebook workload: 100 rows beat 2 × 50) the fields of a result record, in the order of a table&apos;s columns (grid values come after ``mini_batch_size``; ``optimizer_params``/``schedule_params`` are dictionaries)</extracomment>
        <translation>{where}：请写成 start:stop:count，例如 1e-4:1e-1:10，得到的是 {value}</translation>
    </message>
    <message>
        <source>{where}: a range needs start, stop and count, got {keys}</source>
        <translation>{where}：范围需要 start、stop 和 count，得到的是 {keys}</translation>
    </message>
    <message>
        <source>{where}: count must be a whole number, got {value}</source>
        <translation>{where}：count 必须是整数，得到的是 {value}</translation>
    </message>
    <message>
        <source>{where}: count must be between 1 and 10000, got {value}</source>
        <translation>{where}：count 必须在 1 到 10000 之间，得到的是 {value}</translation>
    </message>
    <message>
        <source>{where}: give a list of numbers or a range start:stop:count, got {value}</source>
        <translation>{where}：请给出数值列表或范围 start:stop:count，得到的是 {value}</translation>
    </message>
    <message>
        <source>{where}: give a number of seeds or a list such as 1,5,9, got {value}</source>
        <translation>{where}：请给出随机种子的个数或列表（例如 1,5,9），得到的是 {value}</translation>
    </message>
    <message>
        <source>{where}: the number of seeds must be between 1 and 100000, got {value}</source>
        <translation>{where}：随机种子的个数必须在 1 到 100000 之间，得到的是 {value}</translation>
    </message>
    <message>
        <source>{where}: give a number of seeds or a list of seeds, got {value}</source>
        <translation>{where}：请给出随机种子的个数或随机种子列表，得到的是 {value}</translation>
    </message>
    <message>
        <source>{where} must be a table of settings</source>
        <translation>{where} 必须是设置表</translation>
    </message>
    <message>
        <source>{where}: unknown setting {name} (known: {names})</source>
        <translation>{where}：未知的设置 {name}（已知：{names}）</translation>
    </message>
    <message>
        <source>{where}: optimizers must be a list of optimizer names</source>
        <translation>{where}：optimizers 必须是优化器名称的列表</translation>
    </message>
    <message>
        <source>{where}: params must be a table of name = value</source>
        <translation>{where}：params 必须是“名称 = 值”的表</translation>
    </message>
    <message>
        <source>{where}: grid must be a table of name = [values]</source>
        <translation>{where}：grid 必须是“名称 = [取值]”的表</translation>
    </message>
    <message>
        <source>{where}: grid {name} must be a list of values</source>
        <translation>{where}：grid {name} 必须是取值列表</translation>
    </message>
    <message>
        <source>{where}: target_cost must be a number, got {value}</source>
        <translation>{where}：target_cost 必须是数，得到的是 {value}</translation>
    </message>
    <message>
        <source>grid: {name} is not a hyperparameter name</source>
        <translation>grid：{name} 不是超参数名称</translation>
    </message>
    <message>
        <source>sweep: no optimizer of the sweep ({names}) has a hyperparameter {name}</source>
        <translation>扫描：扫描中的优化器（{names}）都没有超参数 {name}</translation>
    </message>
    <message>
        <source>grid {name}: no optimizer of the sweep ({names}) nor the schedule {schedule} has it (known: {known}, mini_batch_size)</source>
        <translation>grid {name}：扫描中的优化器（{names}）和调度 {schedule} 都没有这个参数（已知：{known}, mini_batch_size）</translation>
    </message>
    <message>
        <source>not trained: its task failed on a worker twice ({error})</source>
        <translation>未训练：它的任务在工作进程上失败了两次（{error}）</translation>
    </message>
</context>
<context>
    <name>trajectory</name>
    <message>
        <source>start point missing</source>
        <extracomment>A point farther than this from the origin counts as diverged. A divergence is blamed on the gradient noise alone when σ is this many times larger than the gradient (and than 1)</extracomment>
        <translation>缺少起点</translation>
    </message>
    <message>
        <source>start point {point} is not two numbers x, y (write it as X,Y, e.g. -9,2)</source>
        <translation>起点 {point} 不是两个数 x, y（请写成 X,Y，例如 -9,2）</translation>
    </message>
    <message>
        <source>start point {point} must be finite numbers</source>
        <translation>起点 {point} 必须是有限数</translation>
    </message>
    <message>
        <source>start point {point} is too far out: it must lie in the region |(x, y)| ≤ {limit} (a path that leaves it has diverged)</source>
        <translation>起点 {point} 太远：它必须位于区域 |(x, y)| ≤ {limit} 内（离开该区域的轨迹视为发散）</translation>
    </message>
    <message>
        <source>steps must be a whole number ≥ 0, got {value}</source>
        <translation>步数必须是 ≥ 0 的整数，得到的是 {value}</translation>
    </message>
    <message>
        <source>learning rate must be a number &gt; 0, got {value}</source>
        <translation>学习率必须是大于 0 的数，得到的是 {value}</translation>
    </message>
    <message>
        <source>noise must be a number ≥ 0, got {value}</source>
        <translation>噪声必须是 ≥ 0 的数，得到的是 {value}</translation>
    </message>
    <message>
        <source>seed must be a whole number ≥ 0, got {value}</source>
        <translation>随机种子必须是 ≥ 0 的整数，得到的是 {value}</translation>
    </message>
    <message>
        <source>the learning-rate schedule gave {rate} at step {step}; it must be a positive number</source>
        <translation>学习率调度在第 {step} 步给出了 {rate}；学习率必须是正数</translation>
    </message>
    <message>
        <source>became nan</source>
        <translation>变成了 nan</translation>
    </message>
    <message>
        <source>became inf</source>
        <translation>变成了 inf</translation>
    </message>
    <message>
        <source>left the region |(x, y)| ≤ {limit}</source>
        <translation>离开了区域 |(x, y)| ≤ {limit}</translation>
    </message>
    <message>
        <source>Diverged at step {step}: the point {what}; the gradient noise (σ = {noise}) dwarfs the gradient (|∇f| = {gradient}) there. Try less noise.</source>
        <translation>在第 {step} 步发散：该点{what}；那里的梯度噪声（σ = {noise}）远大于梯度（|∇f| = {gradient}）。请尝试减小噪声。</translation>
    </message>
    <message>
        <source>Diverged at step {step}: the point {what} (learning rate {rate}, gradient noise σ = {noise}). Try a lower learning rate or less noise.</source>
        <translation>在第 {step} 步发散：该点{what}（学习率 {rate}，梯度噪声 σ = {noise}）。请尝试更小的学习率或更小的噪声。</translation>
    </message>
    <message>
        <source>Diverged at step {step}: the point {what}. f has no minimum, so the optimizer keeps going downhill; a lower learning rate only delays this.</source>
        <translation>在第 {step} 步发散：该点{what}。f 没有最小值，所以优化器会一直往下走；更小的学习率只能推迟发散。</translation>
    </message>
    <message>
        <source>Diverged at step {step}: the point {what} (learning rate {rate}). Try a lower learning rate.</source>
        <translation>在第 {step} 步发散：该点{what}（学习率 {rate}）。请尝试更小的学习率。</translation>
    </message>
    <message>
        <source>Finished {steps} steps at ({x}, {y}), f = {value}.</source>
        <translation>完成 {steps} 步，停在 ({x}, {y})，f = {value}。</translation>
    </message>
</context>
<context>
    <name>weights_file</name>
    <message>
        <source>cannot write weights file {path}: {reason}</source>
        <translation>无法写入权重文件 {path}：{reason}</translation>
    </message>
</context>
</TS>
