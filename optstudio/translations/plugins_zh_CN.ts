<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ParamSpec</name>
    <message>
        <source>learning rate α</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The size of each step. Too small: slow progress. Too large: the cost jumps around or blows up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many times the training goes through all the training examples.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mini-batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Examples per update: m = batch gradient descent, 1 = stochastic gradient descent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of the initial weights and of the mini-batch shuffling.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>λ (weight decay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>λ: L2 regularization added to the gradient (dW + λ·W), as torch does. 0 switches it off; typical values are 1e-5 to 1e-2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>λ (decoupled decay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>λ: each step the weights are multiplied by (1 − α·λ) before the update, independently of the gradient (AdamW&apos;s decay). 0 switches it off; typical values are 1e-4 to 1e-1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clip ‖dW‖ at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>c: if the norm of all gradients together exceeds c, they are scaled down to norm c (torch.nn.utils.clip_grad_norm_). 0 switches it off; try 1 to 5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clip |dW| at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>c: every gradient component is clipped to the range −c … c (torch.nn.utils.clip_grad_value_). 0 switches it off.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PluginManager</name>
    <message>
        <source>still importing after {seconds} s (an endless loop, or waiting for something?); OptStudio goes on without it (set {variable} to wait longer)</source>
        <extracomment>Modules holding the built-in optimizers and schedules, registered like any other plugin. Entry-point group an installed distribution declares its plugin module in. Seconds a plugin may take to import (or to answer a hook) while the manager loads it. Seconds to wait for plugin code that was asked to stop (see :func:`_interrupt`). Characters of what a plugin prints while loading that are shown (on stderr).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>still running after {seconds} s (an endless loop, or waiting for something?); OptStudio goes on without it (set {variable} to wait longer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimizer {name} raised in {where}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schedule {name} raised in {where}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>update at step {step}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimizer {name} removed {key} from params in update at step {step}; update must change the arrays in place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimizer {name} returned an array of shape {got} for {key}, expected {shape} (update at step {step}; change params in place)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimizer {name} returned {got} for {key}, expected {shape} (update at step {step}; change params in place)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimizer {name} rebound {key} in update at step {step} and it could not be copied back: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimizer {name} produced {what} at step {step} in {key} although parameters and gradients were finite (a bug, or a learning rate far too high)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rate at epoch {epoch}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rate at epoch {epoch}, step {step}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schedule {name} returned {value} at epoch {epoch}; a rate must be a finite number &gt; 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schedule {name} returned {value} at epoch {epoch}, step {step}; a rate must be a finite number &gt; 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimizer {name} could not be created: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schedule {name} could not be created: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimizer {name}: factory returned {value}, which has no {method}() method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schedule {name}: factory returned {value}, which has no {method}() method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>built-in plugin failed to import: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not list installed plugins: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry point {name}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry point {name} ({value}) failed to load: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not be registered: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown hook {hook} (OptStudio hooks: {hooks})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>defines no @hookimpl functions (did you forget @hookimpl above the hook function?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>defines no @hookimpl functions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{hook}: hook wrappers are not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid descriptor in {hook}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{hook} raised {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{hook} returned {value}; it must return a list of {type}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{hook} returned {value}, not an {type} ({other_type} belongs in {other_hook}); ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{hook} returned {value}, not an {type}; ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimizer {name} from {source} rejected: the name is already provided by {other}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schedule {name} from {source} rejected: the name is already provided by {other}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PluginsReport</name>
    <message>
        <source>one of {choices}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind} in [{low}, {high}], log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind} in [{low}, {high}]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizers ({count}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedules ({count}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default learning rate {rate}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>computed per step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>computed per epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop plugin files into: {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folders searched, in order:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (does not exist)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plugin errors:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No plugin errors.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
