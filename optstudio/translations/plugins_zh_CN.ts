<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ParamSpec</name>
    <message>
        <source>learning rate α</source>
        <translation>学习率 α</translation>
    </message>
    <message>
        <source>The size of each step. Too small: slow progress. Too large: the cost jumps around or blows up.</source>
        <translation>每一步的大小。太小：进展缓慢。太大：成本上下跳动甚至发散。</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>epoch 数</translation>
    </message>
    <message>
        <source>How many times the training goes through all the training examples.</source>
        <translation>训练把全部训练样本完整过一遍的次数。</translation>
    </message>
    <message>
        <source>mini-batch size</source>
        <translation>小批量大小</translation>
    </message>
    <message>
        <source>Examples per update: m = batch gradient descent, 1 = stochastic gradient descent.</source>
        <translation>每次更新所用的样本数：m = 批量梯度下降，1 = 随机梯度下降。</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Seed of the initial weights and of the mini-batch shuffling.</source>
        <translation>初始权重和小批量打乱所用的随机种子。</translation>
    </message>
    <message>
        <source>λ (weight decay)</source>
        <translation>λ（权重衰减）</translation>
    </message>
    <message>
        <source>λ: L2 regularization added to the gradient (dW + λ·W), as torch does. 0 switches it off; typical values are 1e-5 to 1e-2.</source>
        <translation>λ：把 L2 正则化加到梯度上（dW + λ·W），与 torch 相同。0 表示关闭；常用值为 1e-5 到 1e-2。</translation>
    </message>
    <message>
        <source>λ (decoupled decay)</source>
        <translation>λ（解耦衰减）</translation>
    </message>
    <message>
        <source>λ: each step the weights are multiplied by (1 − α·λ) before the update, independently of the gradient (AdamW&apos;s decay). 0 switches it off; typical values are 1e-4 to 1e-1.</source>
        <translation>λ：每一步在更新之前把权重乘以 (1 − α·λ)，与梯度无关（AdamW 的衰减）。0 表示关闭；常用值为 1e-4 到 1e-1。</translation>
    </message>
    <message>
        <source>clip ‖dW‖ at</source>
        <translation>‖dW‖ 裁剪阈值</translation>
    </message>
    <message>
        <source>c: if the norm of all gradients together exceeds c, they are scaled down to norm c (torch.nn.utils.clip_grad_norm_). 0 switches it off; try 1 to 5.</source>
        <translation>c：如果所有梯度合在一起的范数超过 c，就把它们按比例缩小到范数 c（torch.nn.utils.clip_grad_norm_）。0 表示关闭；可试 1 到 5。</translation>
    </message>
    <message>
        <source>clip |dW| at</source>
        <translation>|dW| 裁剪阈值</translation>
    </message>
    <message>
        <source>c: every gradient component is clipped to the range −c … c (torch.nn.utils.clip_grad_value_). 0 switches it off.</source>
        <translation>c：每个梯度分量都被裁剪到 −c … c 的范围内（torch.nn.utils.clip_grad_value_）。0 表示关闭。</translation>
    </message>
</context>
<context>
    <name>PluginManager</name>
    <message>
        <source>still importing after {seconds} s (an endless loop, or waiting for something?); OptStudio goes on without it (set {variable} to wait longer)</source>
        <extracomment>Modules holding the built-in optimizers and schedules, registered like any other plugin. Entry-point group an installed distribution declares its plugin module in. Seconds a plugin may take to import (or to answer a hook) while the manager loads it. Seconds to wait for plugin code that was asked to stop (see :func:`_interrupt`). Characters of what a plugin prints while loading that are shown (on stderr).</extracomment>
        <translation>{seconds} 秒后仍在导入（死循环，还是在等待什么？）；OptStudio 不再等它，继续运行（设置 {variable} 可以等待更久）</translation>
    </message>
    <message>
        <source>still running after {seconds} s (an endless loop, or waiting for something?); OptStudio goes on without it (set {variable} to wait longer)</source>
        <translation>{seconds} 秒后仍在运行（死循环，还是在等待什么？）；OptStudio 不再等它，继续运行（设置 {variable} 可以等待更久）</translation>
    </message>
    <message>
        <source>optimizer {name} raised in {where}: {error}</source>
        <translation>优化器 {name} 在 {where} 中出错：{error}</translation>
    </message>
    <message>
        <source>schedule {name} raised in {where}: {error}</source>
        <translation>学习率调度 {name} 在 {where} 中出错：{error}</translation>
    </message>
    <message>
        <source>update at step {step}</source>
        <translation>第 {step} 步的 update</translation>
    </message>
    <message>
        <source>optimizer {name} removed {key} from params in update at step {step}; update must change the arrays in place</source>
        <translation>优化器 {name} 在第 {step} 步的 update 中从 params 里删除了 {key}；update 必须原地修改数组</translation>
    </message>
    <message>
        <source>optimizer {name} returned an array of shape {got} for {key}, expected {shape} (update at step {step}; change params in place)</source>
        <translation>优化器 {name} 为 {key} 返回了形状为 {got} 的数组，应为 {shape}（第 {step} 步的 update；请原地修改 params）</translation>
    </message>
    <message>
        <source>optimizer {name} returned {got} for {key}, expected {shape} (update at step {step}; change params in place)</source>
        <translation>优化器 {name} 为 {key} 返回了 {got}，应为形状 {shape}（第 {step} 步的 update；请原地修改 params）</translation>
    </message>
    <message>
        <source>optimizer {name} rebound {key} in update at step {step} and it could not be copied back: {error}</source>
        <translation>优化器 {name} 在第 {step} 步的 update 中重新绑定了 {key}，且无法复制回去：{error}</translation>
    </message>
    <message>
        <source>optimizer {name} produced {what} at step {step} in {key} although parameters and gradients were finite (a bug, or a learning rate far too high)</source>
        <translation>优化器 {name} 在第 {step} 步于 {key} 中产生了 {what}，而参数和梯度都是有限的（程序错误，或学习率过高）</translation>
    </message>
    <message>
        <source>rate at epoch {epoch}</source>
        <translation>第 {epoch} 个 epoch 的 rate</translation>
    </message>
    <message>
        <source>rate at epoch {epoch}, step {step}</source>
        <translation>第 {epoch} 个 epoch、第 {step} 步的 rate</translation>
    </message>
    <message>
        <source>schedule {name} returned {value} at epoch {epoch}; a rate must be a finite number &gt; 0</source>
        <translation>学习率调度 {name} 在第 {epoch} 个 epoch 返回了 {value}；学习率必须是大于 0 的有限数</translation>
    </message>
    <message>
        <source>schedule {name} returned {value} at epoch {epoch}, step {step}; a rate must be a finite number &gt; 0</source>
        <translation>学习率调度 {name} 在第 {epoch} 个 epoch、第 {step} 步返回了 {value}；学习率必须是大于 0 的有限数</translation>
    </message>
    <message>
        <source>schedule {name}</source>
        <translation>学习率调度 {name}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>unknown optimizer {name} (available: {names})</source>
        <translation>没有名为 {name} 的优化器（可用：{names}）</translation>
    </message>
    <message>
        <source>unknown schedule {name} (available: {names})</source>
        <translation>没有名为 {name} 的学习率调度（可用：{names}）</translation>
    </message>
    <message>
        <source>optimizer {name} could not be created: {error}</source>
        <translation>无法创建优化器 {name}：{error}</translation>
    </message>
    <message>
        <source>schedule {name} could not be created: {error}</source>
        <translation>无法创建学习率调度 {name}：{error}</translation>
    </message>
    <message>
        <source>optimizer {name}: factory returned {value}, which has no {method}() method</source>
        <translation>优化器 {name}：factory 返回了 {value}，它没有 {method}() 方法</translation>
    </message>
    <message>
        <source>schedule {name}: factory returned {value}, which has no {method}() method</source>
        <translation>学习率调度 {name}：factory 返回了 {value}，它没有 {method}() 方法</translation>
    </message>
    <message>
        <source>built-in plugin failed to import: {error}</source>
        <translation>内置插件导入失败：{error}</translation>
    </message>
    <message>
        <source>could not list installed plugins: {error}</source>
        <translation>无法列出已安装的插件：{error}</translation>
    </message>
    <message>
        <source>entry point {name}: {problem}</source>
        <translation>入口点 {name}：{problem}</translation>
    </message>
    <message>
        <source>entry point {name} ({value}) failed to load: {error}</source>
        <translation>入口点 {name}（{value}）加载失败：{error}</translation>
    </message>
    <message>
        <source>could not be registered: {error}</source>
        <translation>无法注册：{error}</translation>
    </message>
    <message>
        <source>unknown hook {hook} (OptStudio hooks: {hooks})</source>
        <translation>未知的钩子 {hook}（OptStudio 的钩子：{hooks}）</translation>
    </message>
    <message>
        <source>defines no @hookimpl functions (did you forget @hookimpl above the hook function?)</source>
        <translation>没有定义任何 @hookimpl 函数（是不是忘了在钩子函数上面写 @hookimpl？）</translation>
    </message>
    <message>
        <source>defines no @hookimpl functions</source>
        <translation>没有定义任何 @hookimpl 函数</translation>
    </message>
    <message>
        <source>{hook}: hook wrappers are not supported</source>
        <translation>{hook}：不支持钩子包装器（hook wrapper）</translation>
    </message>
    <message>
        <source>invalid descriptor in {hook}: {error}</source>
        <translation>{hook} 中的描述符无效：{error}</translation>
    </message>
    <message>
        <source>{hook} raised {error}</source>
        <translation>{hook} 出错：{error}</translation>
    </message>
    <message>
        <source>{hook} returned {value}; it must return a list of {type}</source>
        <translation>{hook} 返回了 {value}；它必须返回 {type} 的列表</translation>
    </message>
    <message>
        <source>{hook} returned {value}, not an {type} ({other_type} belongs in {other_hook}); ignored</source>
        <translation>{hook} 返回了 {value}，不是 {type}（{other_type} 应放在 {other_hook} 中）；已忽略</translation>
    </message>
    <message>
        <source>{hook} returned {value}, not an {type}; ignored</source>
        <translation>{hook} 返回了 {value}，不是 {type}；已忽略</translation>
    </message>
    <message>
        <source>optimizer {name} from {source} rejected: the name is already provided by {other}</source>
        <translation>来自 {source} 的优化器 {name} 被拒绝：该名称已由 {other} 提供</translation>
    </message>
    <message>
        <source>schedule {name} from {source} rejected: the name is already provided by {other}</source>
        <translation>来自 {source} 的学习率调度 {name} 被拒绝：该名称已由 {other} 提供</translation>
    </message>
</context>
<context>
    <name>PluginsReport</name>
    <message>
        <source>one of {choices}</source>
        <translation>取值之一：{choices}</translation>
    </message>
    <message>
        <source>{kind} in [{low}, {high}], log scale</source>
        <translation>{kind}，范围 [{low}, {high}]，对数刻度</translation>
    </message>
    <message>
        <source>{kind} in [{low}, {high}]</source>
        <translation>{kind}，范围 [{low}, {high}]</translation>
    </message>
    <message>
        <source>Optimizers ({count}):</source>
        <translation>优化器（{count}）：</translation>
    </message>
    <message>
        <source>Schedules ({count}):</source>
        <translation>学习率调度（{count}）：</translation>
    </message>
    <message>
        <source>  (none)</source>
        <translation>  （无）</translation>
    </message>
    <message>
        <source>built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>default learning rate {rate}</source>
        <translation>默认学习率 {rate}</translation>
    </message>
    <message>
        <source>computed per step</source>
        <translation>每步计算</translation>
    </message>
    <message>
        <source>computed per epoch</source>
        <translation>每个 epoch 计算</translation>
    </message>
    <message>
        <source>Drop plugin files into: {folder}</source>
        <translation>把插件文件放到：{folder}</translation>
    </message>
    <message>
        <source>Folders searched, in order:</source>
        <translation>按顺序搜索的文件夹：</translation>
    </message>
    <message>
        <source>  (does not exist)</source>
        <translation>  （不存在）</translation>
    </message>
    <message>
        <source>Plugin errors:</source>
        <translation>插件错误：</translation>
    </message>
    <message>
        <source>No plugin errors.</source>
        <translation>没有插件错误。</translation>
    </message>
</context>
</TS>
