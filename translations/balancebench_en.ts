<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>bb::BalanceView</name>
    <message numerus="yes">
        <source>Training split: %1 → %2 images in %n class(es); %3 files to write in total</source>
        <translation>
            <numerusform>Training split: %1 → %2 images in %n class; %3 files to write in total</numerusform>
            <numerusform>Training split: %1 → %2 images in %n classes; %3 files to write in total</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n image(s) to %1 in %2 s.</source>
        <translation>
            <numerusform>Wrote %n image to %1 in %2 s.</numerusform>
            <numerusform>Wrote %n images to %1 in %2 s.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n source(s) could not be read:</source>
        <translation>
            <numerusform>%n source could not be read:</numerusform>
            <numerusform>%n sources could not be read:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bb::BrowserView</name>
    <message numerus="yes">
        <source>%Ln image(s)</source>
        <translation>
            <numerusform>%Ln image</numerusform>
            <numerusform>%Ln images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln image(s)</source>
        <translation>
            <numerusform>%1 of %Ln image</numerusform>
            <numerusform>%1 of %Ln images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bb::ClassChart</name>
    <message numerus="yes">
        <source>&lt;b&gt;%n class(es)&lt;/b&gt; · imbalance ratio (largest / smallest) &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%n class&lt;/b&gt; · imbalance ratio (largest / smallest) &lt;b&gt;%1&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;%n classes&lt;/b&gt; · imbalance ratio (largest / smallest) &lt;b&gt;%1&lt;/b&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bb::ClassListModel</name>
    <message numerus="yes">
        <source>%1: %n image(s) — press %2 to label the selection</source>
        <translation>
            <numerusform>%1: %n image — press %2 to label the selection</numerusform>
            <numerusform>%1: %n images — press %2 to label the selection</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n image(s)</source>
        <translation>
            <numerusform>%1: %n image</numerusform>
            <numerusform>%1: %n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bb::EvaluationView</name>
    <message numerus="yes">
        <source>%n image(s) evaluated</source>
        <translation>
            <numerusform>%n image evaluated</numerusform>
            <numerusform>%n images evaluated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be classified (listed in the JSON export)</source>
        <translation>
            <numerusform>%n image could not be classified (listed in the JSON export)</numerusform>
            <numerusform>%n images could not be classified (listed in the JSON export)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n image(s)&lt;/b&gt; of true class “%1” predicted as “%2”, most confident first%3</source>
        <translation>
            <numerusform>&lt;b&gt;%n image&lt;/b&gt; of true class “%1” predicted as “%2”, most confident first%3</numerusform>
            <numerusform>&lt;b&gt;%n images&lt;/b&gt; of true class “%1” predicted as “%2”, most confident first%3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Relabelled %n image(s) as “%1” (Undo with Ctrl+Z). Evaluate again to see the effect of retraining.</source>
        <translation>
            <numerusform>Relabelled %n image as “%1” (Undo with Ctrl+Z). Evaluate again to see the effect of retraining.</numerusform>
            <numerusform>Relabelled %n images as “%1” (Undo with Ctrl+Z). Evaluate again to see the effect of retraining.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bb::LabelCommands</name>
    <message numerus="yes">
        <source>Label %n image(s) as “%1”</source>
        <translation>
            <numerusform>Label %n image as “%1”</numerusform>
            <numerusform>Label %n images as “%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exclude %n image(s)</source>
        <translation>
            <numerusform>Exclude %n image</numerusform>
            <numerusform>Exclude %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Include %n image(s)</source>
        <translation>
            <numerusform>Include %n image</numerusform>
            <numerusform>Include %n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bb::MainWindow</name>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n selected</numerusform>
            <numerusform>%n selected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s)</source>
        <translation>
            <numerusform>%Ln image</numerusform>
            <numerusform>%Ln images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n class(es)</source>
        <translation>
            <numerusform>%n class</numerusform>
            <numerusform>%n classes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped</source>
        <translation>
            <numerusform>%Ln skipped</numerusform>
            <numerusform>%Ln skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Name of the new class for %n image(s):</source>
        <translation>
            <numerusform>Name of the new class for %n image:</numerusform>
            <numerusform>Name of the new class for %n images:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%1” still has %n image(s) and there is no other class to move them to.</source>
        <translation>
            <numerusform>“%1” still has %n image and there is no other class to move it to.</numerusform>
            <numerusform>“%1” still has %n images and there is no other class to move them to.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%1” still has %n image(s). Move them to:</source>
        <translation>
            <numerusform>“%1” still has %n image. Move it to:</numerusform>
            <numerusform>“%1” still has %n images. Move them to:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) in %1 classes to %2 (with labels.csv).</source>
        <translation>
            <numerusform>Exported %n image in %1 classes to %2 (with labels.csv).</numerusform>
            <numerusform>Exported %n images in %1 classes to %2 (with labels.csv).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bb::PredictionView</name>
    <message numerus="yes">
        <source>%n web address(es) skipped: only local files and folders can be classified.</source>
        <translation>
            <numerusform>%n web address skipped: only local files and folders can be classified.</numerusform>
            <numerusform>%n web addresses skipped: only local files and folders can be classified.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bb::ScanWorker</name>
    <message numerus="yes">
        <source>%n folder(s) could not be read, so their images are missing: %1</source>
        <translation>
            <numerusform>%n folder could not be read, so its images are missing: %1</numerusform>
            <numerusform>%n folders could not be read, so their images are missing: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bb::TrainingView</name>
    <message numerus="yes">
        <source>Stopped after %n epoch(s); resume continues from the checkpoint in %1.</source>
        <translation>
            <numerusform>Stopped after %n epoch; resume continues from the checkpoint in %1.</numerusform>
            <numerusform>Stopped after %n epochs; resume continues from the checkpoint in %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Relabelled %n image(s) as “%1”</source>
        <translation>
            <numerusform>Relabelled %n image as “%1”</numerusform>
            <numerusform>Relabelled %n images as “%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n point(s) selected</source>
        <translation>
            <numerusform>%n point selected</numerusform>
            <numerusform>%n points selected</numerusform>
        </translation>
    </message>
</context>
</TS>
