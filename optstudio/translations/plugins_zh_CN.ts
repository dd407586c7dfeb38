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
</TS>
