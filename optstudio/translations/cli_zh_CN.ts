<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>argparse</name>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <extracomment>argparse&apos;s messages about bad input (its own ``%`` placeholders are kept in the translation)</extracomment>
        <translation>参数 %(argument_name)s：%(message)s</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>无效的 %(type)s 值：%(value)r</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>无效的选择：%(value)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>无法识别的参数：%s</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>缺少以下必需参数：%s</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>需要一个参数值</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>最多需要一个参数值</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>至少需要一个参数值</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>有歧义的选项：%(option)s 可匹配 %(matches)s</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>不能与参数 %s 同时使用</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>需要参数 %s 之一</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>忽略了显式参数 %r</translation>
    </message>
    <message>
        <source>unknown parser %(parser_name)r (choices: %(choices)s)</source>
        <translation>未知命令 %(parser_name)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>can&apos;t open &apos;%(filename)s&apos;: %(error)s</source>
        <translation>无法打开“%(filename)s”：%(error)s</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>interrupted</source>
        <extracomment>The subcommand modules, in the order ``optstudio --help`` lists them.</extracomment>
        <translation>已中断</translation>
    </message>
    <message>
        <source>cannot write the output: {reason}</source>
        <translation>无法写出输出：{reason}</translation>
    </message>
    <message>
        <source>out of memory; try a smaller data set or network</source>
        <translation>内存不足；请尝试更小的数据集或网络</translation>
    </message>
    <message>
        <source>optstudio: error: </source>
        <translation>optstudio: 错误：</translation>
    </message>
</context>
<context>
    <name>cli_compare</name>
    <message>
        <source>--optimizers needs at least one optimizer name</source>
        <translation>--optimizers 至少需要一个优化器名称</translation>
    </message>
    <message>
        <source>optstudio: interrupted; the results so far are above</source>
        <translation>optstudio: 已中断；目前的结果见上方</translation>
    </message>
</context>
<context>
    <name>cli_flags</name>
    <message>
        <source>--layers: {part} is not a whole number (write widths like 5,2)</source>
        <translation>--layers：{part} 不是整数（请这样写各层宽度：5,2）</translation>
    </message>
    <message>
        <source>--layers: layer width must be at least 1, got {value}</source>
        <translation>--layers：层宽度至少为 1，得到的是 {value}</translation>
    </message>
    <message>
        <source>{flag} expects NAME=VALUE, got {item}</source>
        <translation>{flag} 需要 NAME=VALUE 的形式，得到的是 {item}</translation>
    </message>
    <message>
        <source>history file</source>
        <extracomment>the files :func:`check_output_file` names (in the current language where it is shown)</extracomment>
        <translation>历史文件</translation>
    </message>
    <message>
        <source>table file</source>
        <translation>表格文件</translation>
    </message>
    <message>
        <source>weights file</source>
        <translation>权重文件</translation>
    </message>
    <message>
        <source>results file</source>
        <translation>结果文件</translation>
    </message>
    <message>
        <source>cannot write {what} {path}: it is a folder</source>
        <translation>无法写入{what} {path}：它是一个文件夹</translation>
    </message>
    <message>
        <source>cannot write {what} {path}: folder {folder} does not exist</source>
        <translation>无法写入{what} {path}：文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>cannot write {what} {path}: {folder} is not a folder</source>
        <translation>无法写入{what} {path}：{folder} 不是文件夹</translation>
    </message>
    <message>
        <source>cannot write {what} {path}: folder {folder} is not writable</source>
        <translation>无法写入{what} {path}：文件夹 {folder} 不可写</translation>
    </message>
    <message>
        <source>cannot write {what} {path}: the file is read-only</source>
        <translation>无法写入{what} {path}：该文件是只读的</translation>
    </message>
</context>
<context>
    <name>cli_install_desktop</name>
    <message>
        <source>install-desktop is for Linux desktops (freedesktop.org menus); on Windows and macOS use the standalone build (see packaging/README.md)</source>
        <translation>install-desktop 仅用于 Linux 桌面（freedesktop.org 菜单）；在 Windows 和 macOS 上请使用独立安装版（见 packaging/README.md）</translation>
    </message>
    <message>
        <source>give either --uninstall or --print, not both</source>
        <translation>--uninstall 和 --print 只能二选一</translation>
    </message>
    <message>
        <source>No menu entry to remove ({path} does not exist).</source>
        <translation>没有可删除的菜单项（{path} 不存在）。</translation>
    </message>
    <message>
        <source>Removed {path}</source>
        <translation>已删除 {path}</translation>
    </message>
    <message>
        <source>Wrote {path}</source>
        <translation>已写入 {path}</translation>
    </message>
    <message>
        <source>note: the packaged icon is missing; the menu shows the theme&apos;s {icon} icon</source>
        <translation>注意：缺少随包提供的图标；菜单将显示主题的 {icon} 图标</translation>
    </message>
    <message>
        <source>OptStudio is in the application menu under Education and Science (some desktops show it after logging in again).</source>
        <translation>OptStudio 已加入应用程序菜单的“教育”和“科学”分类（有些桌面需要重新登录后才会显示）。</translation>
    </message>
</context>
<context>
    <name>cli_lab</name>
    <message>
        <source>No bundled labs found.</source>
        <translation>没有找到自带的实验课。</translation>
    </message>
    <message>
        <source>Bundled labs (run one with `optstudio lab NAME`, e.g. `optstudio lab 01`):</source>
        <translation>自带的实验课（用 `optstudio lab NAME` 运行，例如 `optstudio lab 01`）：</translation>
    </message>
    <message>
        <source>function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>final point</source>
        <translation>终点</translation>
    </message>
    <message>
        <source>final f value</source>
        <translation>最终 f 值</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>give either a lab or --list, not both</source>
        <translation>实验课名称和 --list 只能二选一</translation>
    </message>
    <message>
        <source>optstudio: note: --steps applies to trajectory labs only; {lab} trains networks (see --epochs)</source>
        <translation>optstudio: 注意：--steps 只适用于轨迹实验课；{lab} 训练的是网络（见 --epochs）</translation>
    </message>
    <message>
        <source>optstudio: note: --epochs applies to training labs only; {lab} follows optimizer paths (see --steps)</source>
        <translation>optstudio: 注意：--epochs 只适用于训练实验课；{lab} 追踪的是优化器的轨迹（见 --steps）</translation>
    </message>
    <message>
        <source>Lab {name}: {title}</source>
        <translation>实验课 {name}：{title}</translation>
    </message>
    <message>
        <source>Training {count} runs for {epochs} epochs each…</source>
        <translation>正在训练 {count} 个运行，每个 {epochs} 个 epoch…</translation>
    </message>
    <message>
        <source>Training 1 run for {epochs} epochs…</source>
        <translation>正在训练 1 个运行，共 {epochs} 个 epoch…</translation>
    </message>
    <message>
        <source>view run {label}: {error}</source>
        <translation>视图运行 {label}：{error}</translation>
    </message>
    <message>
        <source>x at step {step}</source>
        <translation>第 {step} 步的 x</translation>
    </message>
    <message>
        <source>schedule</source>
        <translation>调度</translation>
    </message>
    <message>
        <source>average regret</source>
        <translation>平均遗憾（regret）</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>常数</translation>
    </message>
    <message>
        <source>run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>suggested α</source>
        <translation>建议的 α</translation>
    </message>
    <message>
        <source>α at lowest cost</source>
        <translation>成本最低处的 α</translation>
    </message>
    <message>
        <source>steepest α</source>
        <translation>下降最快处的 α</translation>
    </message>
    <message>
        <source>lowest cost</source>
        <translation>最低成本</translation>
    </message>
    <message>
        <source>updates</source>
        <translation>更新次数</translation>
    </message>
    <message>
        <source>Online problem {problem} (C = {C}, start x = {start}, best fixed point x = −1):</source>
        <translation>在线问题 {problem}（C = {C}，起点 x = {start}，最优固定点 x = −1）：</translation>
    </message>
</context>
<context>
    <name>cli_landscape</name>
    <message>
        <source>--line-range must be two numbers T0,T1, got {value}</source>
        <translation>--line-range 必须是两个数 T0,T1，得到的是 {value}</translation>
    </message>
    <message>
        <source>--line-range must go from a smaller t to a larger one, got {value}</source>
        <translation>--line-range 必须从较小的 t 到较大的 t，得到的是 {value}</translation>
    </message>
    <message>
        <source>--resolution must be between 2 and 201, got {value}</source>
        <translation>--resolution 必须在 2 到 201 之间，得到的是 {value}</translation>
    </message>
    <message>
        <source>--line-points must be between 2 and 10001, got {value}</source>
        <translation>--line-points 必须在 2 到 10001 之间，得到的是 {value}</translation>
    </message>
    <message>
        <source>--span must be a number &gt; 0, got {value}</source>
        <translation>--span 必须是大于 0 的数，得到的是 {value}</translation>
    </message>
    <message>
        <source>--direction-seed must be at least 0, got {value}</source>
        <translation>--direction-seed 至少为 0，得到的是 {value}</translation>
    </message>
    <message>
        <source>the final weights are not finite numbers (the run diverged): no landscape to draw</source>
        <translation>最终权重不是有限数（运行已发散）：无法绘制损失曲面</translation>
    </message>
    <message>
        <source>training failed: {message}</source>
        <translation>训练失败：{message}</translation>
    </message>
    <message>
        <source>{optimizer}: {status} after {epochs} epochs ({steps} updates), final cost {cost}</source>
        <translation>{optimizer}：{epochs} 个 epoch（{steps} 次更新）后{status}，最终成本 {cost}</translation>
    </message>
    <message>
        <source>Cost along the line θ(t) = (1 − t)·θ_initial + t·θ_final (J(θ_initial) = {initial}, J(θ_final) = {final}):</source>
        <translation>沿直线 θ(t) = (1 − t)·θ_initial + t·θ_final 的成本（J(θ_initial) = {initial}，J(θ_final) = {final}）：</translation>
    </message>
    <message>
        <source>cost J</source>
        <translation>成本 J</translation>
    </message>
    <message>
        <source>filter-normalised random directions</source>
        <translation>按滤波器归一化的随机方向</translation>
    </message>
    <message>
        <source>first two principal directions of the weight path</source>
        <translation>权重路径的前两个主方向</translation>
    </message>
    <message>
        <source>Cost on the plane θ_final + a·δ + b·η ({directions}; J at the centre {cost}):</source>
        <translation>平面 θ_final + a·δ + b·η 上的成本（{directions}；中心处的 J 为 {cost}）：</translation>
    </message>
    <message>
        <source>explained variance of the path: {shares}</source>
        <translation>路径的解释方差：{shares}</translation>
    </message>
    <message>
        <source>Weight path projected on the plane ({count} points, first = initial weights):</source>
        <translation>投影到该平面上的权重路径（{count} 个点，第一个是初始权重）：</translation>
    </message>
    <message>
        <source>initial</source>
        <translation>初始</translation>
    </message>
</context>
<context>
    <name>cli_lr_range</name>
    <message>
        <source>--divergence must be a number &gt; 1, got {value}</source>
        <translation>--divergence 必须是大于 1 的数，得到的是 {value}</translation>
    </message>
    <message>
        <source>{optimizer}: learning-rate range test, {done} of {steps} updates (J before: {cost})</source>
        <translation>{optimizer}：学习率范围测试，完成 {done}/{steps} 次更新（更新前的 J：{cost}）</translation>
    </message>
    <message>
        <source>cost J after the update</source>
        <translation>更新后的成本 J</translation>
    </message>
    <message>
        <source>Lowest cost at α = {lowest}; steepest descent at α = {steepest}.</source>
        <translation>成本最低处 α = {lowest}；下降最快处 α = {steepest}。</translation>
    </message>
    <message>
        <source>Suggested learning rate: {rate} ({rule})</source>
        <translation>建议的学习率：{rate}（{rule}）</translation>
    </message>
    <message>
        <source>optstudio: note: {flag} does not apply to the range test</source>
        <translation>optstudio: 注意：{flag} 不适用于学习率范围测试</translation>
    </message>
</context>
<context>
    <name>cli_progress</name>
    <message>
        <source>update</source>
        <translation>次更新</translation>
    </message>
</context>
<context>
    <name>cli_run</name>
    <message>
        <source>--print-every must be at least 1, got {value}</source>
        <translation>--print-every 至少为 1，得到的是 {value}</translation>
    </message>
    <message>
        <source>{optimizer}: {status} after {epochs} epochs ({steps} updates) in {seconds} s</source>
        <translation>{optimizer}：{epochs} 个 epoch（{steps} 次更新）后{status}，用时 {seconds} 秒</translation>
    </message>
    <message>
        <source>Train accuracy: {value}</source>
        <translation>训练集准确率：{value}</translation>
    </message>
    <message>
        <source>Test accuracy: {value}</source>
        <translation>测试集准确率：{value}</translation>
    </message>
    <message>
        <source>Final cost: {value}</source>
        <translation>最终成本：{value}</translation>
    </message>
    <message>
        <source>optstudio: interrupted after epoch {epoch}; the results so far are above and in {file}</source>
        <translation>optstudio: 在 epoch {epoch} 后中断；目前的结果见上方以及 {file}</translation>
    </message>
    <message>
        <source>optstudio: interrupted after epoch {epoch}; the results so far are above</source>
        <translation>optstudio: 在 epoch {epoch} 后中断；目前的结果见上方</translation>
    </message>
    <message>
        <source>cannot write history file {path}: {reason}</source>
        <translation>无法写入历史文件 {path}：{reason}</translation>
    </message>
    <message>
        <source>finished</source>
        <extracomment>a run&apos;s status as the text output says it (the JSON keeps the English word)</extracomment>
        <translation>完成</translation>
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
        <source>stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>未开始</translation>
    </message>
</context>
<context>
    <name>cli_sweep</name>
    <message>
        <source>--history is not available for sweeps (see --out)</source>
        <translation>扫描不支持 --history（见 --out）</translation>
    </message>
    <message>
        <source>--print-every is not available for sweeps</source>
        <translation>扫描不支持 --print-every</translation>
    </message>
    <message>
        <source>--resume needs --out FILE: the file of the sweep to continue</source>
        <translation>--resume 需要 --out FILE：要继续的扫描的结果文件</translation>
    </message>
    <message>
        <source>--out: write a .csv or a .json file, got {path}</source>
        <translation>--out：请写 .csv 或 .json 文件，得到的是 {path}</translation>
    </message>
    <message>
        <source>--jobs must be at least 1, got {value}</source>
        <translation>--jobs 至少为 1，得到的是 {value}</translation>
    </message>
    <message>
        <source>give either --lab or --config, not both</source>
        <translation>--lab 和 --config 只能二选一</translation>
    </message>
    <message>
        <source>--optimizers needs at least one optimizer name</source>
        <translation>--optimizers 至少需要一个优化器名称</translation>
    </message>
    <message>
        <source>--grid {name}: give values such as {name}=0.9,0.99</source>
        <translation>--grid {name}：请给出取值，例如 {name}=0.9,0.99</translation>
    </message>
    <message>
        <source>--target-cost must be a finite number</source>
        <translation>--target-cost 必须是有限数</translation>
    </message>
    <message>
        <source>optstudio: interrupted; {done} of {total} runs are in {file}: run the same command with --resume to continue</source>
        <translation>optstudio: 已中断；{total} 个运行中的 {done} 个已在 {file} 中：加上 --resume 运行同一命令即可继续</translation>
    </message>
    <message>
        <source>optstudio: interrupted</source>
        <translation>optstudio: 已中断</translation>
    </message>
    <message>
        <source>give either --jobs (this machine) or --scheduler (a Dask cluster), not both</source>
        <extracomment>a sweep of fewer run-epochs than this trains in this process: starting worker processes (a second or so) would take longer than the sweep</extracomment>
        <translation>--jobs（本机）和 --scheduler（Dask 集群）只能二选一</translation>
    </message>
    <message>
        <source>sweep</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>{done}/{total} runs</source>
        <translation>{done}/{total} 个运行</translation>
    </message>
    <message>
        <source>--resume: {path} holds another sweep (data, network, training or fixed hyperparameters differ); write to another file or leave out --resume</source>
        <translation>--resume：{path} 保存的是另一个扫描（数据、网络、训练设置或固定的超参数不同）；请写入另一个文件，或去掉 --resume</translation>
    </message>
    <message>
        <source>cannot write results file {path}: {reason}</source>
        <translation>无法写入结果文件 {path}：{reason}</translation>
    </message>
    <message>
        <source>--resume: cannot read {path}: {reason}</source>
        <translation>--resume：无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <source>--resume: {path} is not a results file of optstudio sweep ({error})</source>
        <translation>--resume：{path} 不是 optstudio sweep 的结果文件（{error}）</translation>
    </message>
    <message>
        <source>Median final cost over {seeds} seeds (rows: configuration, columns: learning rate α; &apos;—&apos;: no run finished)</source>
        <translation>{seeds} 个随机种子的最终成本中位数（行：配置，列：学习率 α；“—”：没有运行完成）</translation>
    </message>
    <message>
        <source>Median final cost over {seeds} seed (rows: configuration, columns: learning rate α; &apos;—&apos;: no run finished)</source>
        <translation>{seeds} 个随机种子的最终成本中位数（行：配置，列：学习率 α；“—”：没有运行完成）</translation>
    </message>
    <message>
        <source>configuration</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Best: {configuration} at α = {rate}: median final cost {cost}, median train accuracy {accuracy}</source>
        <translation>最佳：{configuration}，α = {rate}：最终成本中位数 {cost}，训练集准确率中位数 {accuracy}</translation>
    </message>
    <message>
        <source>{count} runs ({resumed} from the results file): {counts}; {seconds} s</source>
        <translation>{count} 个运行（{resumed} 个来自结果文件）：{counts}；{seconds} 秒</translation>
    </message>
    <message>
        <source>{count} runs: {counts}; {seconds} s</source>
        <translation>{count} 个运行：{counts}；{seconds} 秒</translation>
    </message>
</context>
<context>
    <name>cli_tables</name>
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
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>n/a</source>
        <extracomment>the words of the table&apos;s cells (the CSV keeps the English word)</extracomment>
        <translation>无</translation>
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
        <source>never</source>
        <translation>未达到</translation>
    </message>
    <message>
        <source>oscillating</source>
        <translation>振荡</translation>
    </message>
    <message>
        <source>smooth</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>epochs to cost {target}</source>
        <translation>成本降到 {target} 所需 epoch 数</translation>
    </message>
    <message>
        <source>cannot write table file {path}: {reason}</source>
        <translation>无法写入表格文件 {path}：{reason}</translation>
    </message>
</context>
<context>
    <name>cli_tracking</name>
    <message>
        <source>--track-every needs --track</source>
        <translation>--track-every 需要 --track</translation>
    </message>
    <message>
        <source>--track-every must be at least 1, got {value}</source>
        <translation>--track-every 至少为 1，得到的是 {value}</translation>
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
        <source>sharpness λ_max</source>
        <translation>锐度 λ_max</translation>
    </message>
    <message>
        <source>preconditioned</source>
        <translation>预条件锐度</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>sharpness (largest eigenvalue of the Hessian of J) after each epoch</source>
        <translation>每个 epoch 后的锐度（J 的黑塞矩阵（Hessian）的最大特征值）</translation>
    </message>
    <message>
        <source>gradient norm ‖dW[l]‖ of J per layer l</source>
        <translation>J 在每层 l 的梯度范数 ‖dW[l]‖</translation>
    </message>
    <message>
        <source>weight norm ‖W[l]‖ per layer l</source>
        <translation>每层 l 的权重范数 ‖W[l]‖</translation>
    </message>
    <message>
        <source>last update relative to the weights ‖ΔW[l]‖/‖W[l]‖ (rule of thumb: about 1e-3)</source>
        <translation>最后一次更新相对于权重的大小 ‖ΔW[l]‖/‖W[l]‖（经验值：约 1e-3）</translation>
    </message>
</context>
<context>
    <name>cli_training</name>
    <message>
        <source>Cost after epoch {epoch}: {cost}</source>
        <translation>epoch {epoch} 后的成本：{cost}</translation>
    </message>
    <message>
        <source>compare</source>
        <translation>比较</translation>
    </message>
</context>
<context>
    <name>cli_trajectory</name>
    <message>
        <source>--steps must be at least 1, got {value}</source>
        <translation>--steps 至少为 1，得到的是 {value}</translation>
    </message>
    <message>
        <source>--lr must be a number &gt; 0, got {value}</source>
        <translation>--lr 必须是大于 0 的数，得到的是 {value}</translation>
    </message>
    <message>
        <source>--noise must be a number ≥ 0, got {value}</source>
        <translation>--noise 必须是 ≥ 0 的数，得到的是 {value}</translation>
    </message>
    <message>
        <source>--schedule-set needs --schedule NAME</source>
        <translation>--schedule-set 需要 --schedule NAME</translation>
    </message>
    <message>
        <source>, schedule {schedule}</source>
        <translation>，调度 {schedule}</translation>
    </message>
    <message>
        <source>, gradient noise {noise}</source>
        <translation>，梯度噪声 {noise}</translation>
    </message>
    <message>
        <source>{optimizer}, α = {rate}{extra}, {steps} steps from ({x}, {y})</source>
        <translation>{optimizer}，α = {rate}{extra}，从 ({x}, {y}) 出发走 {steps} 步</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>{status}: final point ({x}, {y}), f = {value} after {steps} steps</source>
        <translation>{status}：{steps} 步后的终点 ({x}, {y})，f = {value}</translation>
    </message>
    <message>
        <source>minimum: {points}, f = {value}</source>
        <translation>最小值：{points}，f = {value}</translation>
    </message>
</context>
</TS>
