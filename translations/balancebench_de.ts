<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>bb::BalanceTableModel</name>
    <message>
        <source>up-sample ×%1</source>
        <translation>vervielfachen ×%1</translation>
    </message>
    <message>
        <source>down-sample</source>
        <translation>ausdünnen</translation>
    </message>
    <message>
        <source>no training images</source>
        <translation>keine Trainingsbilder</translation>
    </message>
    <message>
        <source>keep</source>
        <translation>beibehalten</translation>
    </message>
    <message>
        <source>Per-class target (double-click to change, clear to use the global target)</source>
        <translation>Ziel dieser Klasse (Doppelklick zum Ändern, leeren für das globale Ziel)</translation>
    </message>
    <message>
        <source>Global target (double-click to set a per-class target)</source>
        <translation>Globales Ziel (Doppelklick für ein eigenes Ziel dieser Klasse)</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Original (train)</source>
        <translation>Original (Training)</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
</context>
<context>
    <name>bb::BalanceView</name>
    <message>
        <source>original (resized)</source>
        <translation>Original (skaliert)</translation>
    </message>
    <message>
        <source>flipped · rotate %1° · brightness %2 · contrast %3 · saturation %4</source>
        <translation>gespiegelt · Drehung %1° · Helligkeit %2 · Kontrast %3 · Sättigung %4</translation>
    </message>
    <message>
        <source>not flipped · rotate %1° · brightness %2 · contrast %3 · saturation %4</source>
        <translation>nicht gespiegelt · Drehung %1° · Helligkeit %2 · Kontrast %3 · Sättigung %4</translation>
    </message>
    <message>
        <source>Balancing options</source>
        <translation>Ausgleichsoptionen</translation>
    </message>
    <message>
        <source>Images per class in the balanced training split</source>
        <translation>Bilder pro Klasse in der ausgeglichenen Trainingsmenge</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>New seed</source>
        <translation>Neuer Seed</translation>
    </message>
    <message>
        <source>Draw a new seed: a new split and new augmentations</source>
        <translation>Einen neuen Seed ziehen: neue Aufteilung und neue Augmentierungen</translation>
    </message>
    <message>
        <source>Reset Per-Class Targets</source>
        <translation>Klassenziele zurücksetzen</translation>
    </message>
    <message>
        <source>Use the global target for every class again</source>
        <translation>Wieder für jede Klasse das globale Ziel verwenden</translation>
    </message>
    <message>
        <source>&amp;Target per class</source>
        <translation>&amp;Ziel pro Klasse</translation>
    </message>
    <message>
        <source>Output si&amp;ze</source>
        <translation>Ausgabe&amp;größe</translation>
    </message>
    <message>
        <source>&amp;Validation fraction</source>
        <translation>&amp;Validierungsanteil</translation>
    </message>
    <message>
        <source>T&amp;est fraction</source>
        <translation>&amp;Testanteil</translation>
    </message>
    <message>
        <source>&amp;Seed</source>
        <translation>&amp;Seed</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Write Balanced Dataset…</source>
        <translation>Ausgeglichenen Datensatz schreiben…</translation>
    </message>
    <message>
        <source>Save Split to Project</source>
        <translation>Aufteilung im Projekt speichern</translation>
    </message>
    <message>
        <source>Store this train/validation/test split so the browser can filter by it</source>
        <translation>Diese Aufteilung in Training/Validierung/Test speichern, damit die Bildübersicht danach filtern kann</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Preview: training images as the balancer writes them</source>
        <translation>Vorschau: Trainingsbilder, wie der Ausgleich sie schreibt</translation>
    </message>
    <message>
        <source>No dataset open</source>
        <translation>Kein Datensatz geöffnet</translation>
    </message>
    <message>
        <source>Planning…</source>
        <translation>Wird geplant…</translation>
    </message>
    <message>
        <source>Cannot plan: %1</source>
        <translation>Planung nicht möglich: %1</translation>
    </message>
    <message numerus="yes">
        <source>Training split: %1 → %2 images in %n class(es); %3 files to write in total</source>
        <translation>
            <numerusform>Trainingsmenge: %1 → %2 Bilder in %n Klasse; insgesamt %3 Dateien zu schreiben</numerusform>
            <numerusform>Trainingsmenge: %1 → %2 Bilder in %n Klassen; insgesamt %3 Dateien zu schreiben</numerusform>
        </translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>unlesbar</translation>
    </message>
    <message>
        <source>Cannot save the split: %1</source>
        <translation>Die Aufteilung kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Split saved (seed %1).</source>
        <translation>Aufteilung gespeichert (Seed %1).</translation>
    </message>
    <message>
        <source>Write Balanced Dataset To</source>
        <translation>Ausgeglichenen Datensatz schreiben nach</translation>
    </message>
    <message>
        <source>Replace Folder?</source>
        <translation>Ordner ersetzen?</translation>
    </message>
    <message>
        <source>%1 is not empty. Replace its contents with the balanced dataset?</source>
        <translation>%1 ist nicht leer. Den Inhalt durch den ausgeglichenen Datensatz ersetzen?</translation>
    </message>
    <message>
        <source>Writing balanced dataset to %1…</source>
        <translation>Ausgeglichener Datensatz wird nach %1 geschrieben…</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n image(s) to %1 in %2 s.</source>
        <translation>
            <numerusform>%n Bild in %2 s nach %1 geschrieben.</numerusform>
            <numerusform>%n Bilder in %2 s nach %1 geschrieben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n source(s) could not be read:</source>
        <translation>
            <numerusform>%n Quelle konnte nicht gelesen werden:</numerusform>
            <numerusform>%n Quellen konnten nicht gelesen werden:</numerusform>
        </translation>
    </message>
    <message>
        <source>The balanced dataset was not written: %1</source>
        <translation>Der ausgeglichene Datensatz wurde nicht geschrieben: %1</translation>
    </message>
</context>
<context>
    <name>bb::Balancer</name>
    <message>
        <source>the target must be at least 1</source>
        <translation>das Ziel muss mindestens 1 sein</translation>
    </message>
    <message>
        <source>the output size must be between 8 and 4096 pixels</source>
        <translation>die Ausgabegröße muss zwischen 8 und 4096 Pixeln liegen</translation>
    </message>
    <message>
        <source>validation and test fractions must be &gt;= 0 and sum to less than 1</source>
        <translation>Validierungs- und Testanteil müssen &gt;= 0 sein und zusammen weniger als 1 ergeben</translation>
    </message>
    <message>
        <source>no usable images: expected DATASET/&lt;class&gt;/&lt;image&gt; files (see the scan report for skipped files)</source>
        <translation>keine verwendbaren Bilder: erwartet werden Dateien DATENSATZ/&lt;Klasse&gt;/&lt;Bild&gt; (übersprungene Dateien stehen im Einlesebericht)</translation>
    </message>
    <message>
        <source>--class-target names an unknown class &apos;%1&apos;</source>
        <translation>--class-target nennt eine unbekannte Klasse „%1“</translation>
    </message>
    <message>
        <source>the target of class &apos;%1&apos; must be at least 1</source>
        <translation>das Ziel der Klasse „%1“ muss mindestens 1 sein</translation>
    </message>
    <message>
        <source>class &apos;%1&apos; has no training images</source>
        <translation>Klasse „%1“ hat keine Trainingsbilder</translation>
    </message>
    <message>
        <source>%1 exists and is not a folder</source>
        <translation>%1 existiert und ist kein Ordner</translation>
    </message>
    <message>
        <source>%1 is not empty; pass --force to replace it</source>
        <translation>%1 ist nicht leer; mit --force wird der Inhalt ersetzt</translation>
    </message>
    <message>
        <source>the output folder must not be inside the dataset folder</source>
        <translation>der Ausgabeordner darf nicht im Datensatz-Ordner liegen</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>PNG encoding failed</source>
        <translation>PNG-Kodierung fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled; nothing was written to %1</source>
        <translation>abgebrochen; nach %1 wurde nichts geschrieben</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>cannot replace %1</source>
        <translation>%1 kann nicht ersetzt werden</translation>
    </message>
    <message>
        <source>cannot move the output into place at %1</source>
        <translation>die Ausgabe kann nicht nach %1 verschoben werden</translation>
    </message>
    <message>
        <source>no output folder given</source>
        <translation>kein Ausgabeordner angegeben</translation>
    </message>
    <message>
        <source>the dataset %1 is inside the output folder %2; writing there would delete the dataset</source>
        <translation>der Datensatz %1 liegt im Ausgabeordner %2; dorthin zu schreiben würde den Datensatz löschen</translation>
    </message>
    <message>
        <source>%1 is a symbolic link; give the folder itself (%2)</source>
        <translation>%1 ist ein symbolischer Link; geben Sie den Ordner selbst an (%2)</translation>
    </message>
    <message>
        <source>%1 is not empty and is not a balance output (it has no balance.json or manifest.csv); only an earlier output is replaced: choose an empty or new folder</source>
        <translation>%1 ist nicht leer und keine Ausgabe des Ausgleichs (ohne balance.json oder manifest.csv); ersetzt wird nur eine frühere Ausgabe: wählen Sie einen leeren oder neuen Ordner</translation>
    </message>
</context>
<context>
    <name>bb::BlasCheck</name>
    <message>
        <source>libtorch runs on the slow reference BLAS (%1); install libopenblas0-openmp for much faster matrix products</source>
        <translation>libtorch rechnet mit der langsamen Referenz-BLAS (%1); libopenblas0-openmp installieren für viel schnellere Matrixprodukte</translation>
    </message>
</context>
<context>
    <name>bb::BrowserView</name>
    <message>
        <source>Search file names…</source>
        <translation>Dateinamen suchen…</translation>
    </message>
    <message>
        <source>All splits</source>
        <translation>Alle Mengen</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>No split saved</source>
        <translation>Keine Aufteilung gespeichert</translation>
    </message>
    <message>
        <source>All images</source>
        <translation>Alle Bilder</translation>
    </message>
    <message>
        <source>Usable</source>
        <translation>Verwendbar</translation>
    </message>
    <message>
        <source>Skipped (with reason)</source>
        <translation>Übersprungen (mit Grund)</translation>
    </message>
    <message>
        <source>Excluded</source>
        <translation>Ausgeschlossen</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Fehlend</translation>
    </message>
    <message>
        <source>Sort by name</source>
        <translation>Nach Name</translation>
    </message>
    <message>
        <source>Sort by size</source>
        <translation>Nach Größe</translation>
    </message>
    <message>
        <source>Sort by class</source>
        <translation>Nach Klasse</translation>
    </message>
    <message>
        <source>Descending order</source>
        <translation>Absteigende Reihenfolge</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>Alle Klassen</translation>
    </message>
    <message>
        <source>&lt;h2&gt;No dataset open&lt;/h2&gt;&lt;p&gt;Open a folder-per-class dataset with &lt;b&gt;File › Open Dataset Folder…&lt;/b&gt; (Ctrl+O), or drag a folder onto this window.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Kein Datensatz geöffnet&lt;/h2&gt;&lt;p&gt;Öffnen Sie einen Datensatz mit einem Ordner pro Klasse über &lt;b&gt;Datei › Datensatz-Ordner öffnen…&lt;/b&gt; (Strg+O) oder ziehen Sie einen Ordner auf dieses Fenster.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Scanning…&lt;/h2&gt;&lt;p&gt;Images appear here as they are read.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Wird eingelesen…&lt;/h2&gt;&lt;p&gt;Die Bilder erscheinen hier, sobald sie gelesen sind.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;No images found&lt;/h2&gt;&lt;p&gt;The dataset folder should contain one sub-folder per class.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Keine Bilder gefunden&lt;/h2&gt;&lt;p&gt;Der Datensatz-Ordner sollte einen Unterordner pro Klasse enthalten.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;No images match&lt;/h2&gt;&lt;p&gt;Change the search text or the filters above.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Keine passenden Bilder&lt;/h2&gt;&lt;p&gt;Ändern Sie den Suchtext oder die Filter oben.&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s)</source>
        <translation>
            <numerusform>%Ln Bild</numerusform>
            <numerusform>%Ln Bilder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln image(s)</source>
        <translation>
            <numerusform>%1 von %Ln Bild</numerusform>
            <numerusform>%1 von %Ln Bildern</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bb::ClassChart</name>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>No classes yet</source>
        <translation>Noch keine Klassen</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n class(es)&lt;/b&gt; · imbalance ratio (largest / smallest) &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%n Klasse&lt;/b&gt; · Ungleichgewicht (größte / kleinste) &lt;b&gt;%1&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;%n Klassen&lt;/b&gt; · Ungleichgewicht (größte / kleinste) &lt;b&gt;%1&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Original (train split)</source>
        <translation>Original (Trainingsmenge)</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>Ausgeglichen</translation>
    </message>
    <message>
        <source>Imbalance ratio &lt;b&gt;%1&lt;/b&gt; → &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>Ungleichgewicht &lt;b&gt;%1&lt;/b&gt; → &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>bb::ClassListModel</name>
    <message numerus="yes">
        <source>%1: %n image(s) — press %2 to label the selection</source>
        <translation>
            <numerusform>%1: %n Bild – %2 drücken, um der Auswahl diese Klasse zuzuweisen</numerusform>
            <numerusform>%1: %n Bilder – %2 drücken, um der Auswahl diese Klasse zuzuweisen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n image(s)</source>
        <translation>
            <numerusform>%1: %n Bild</numerusform>
            <numerusform>%1: %n Bilder</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bb::ClassPanel</name>
    <message>
        <source>Press 1–9 or drop thumbnails on a class to label them.</source>
        <translation>Drücken Sie 1–9 oder ziehen Sie Vorschaubilder auf eine Klasse, um sie ihr zuzuweisen.</translation>
    </message>
</context>
<context>
    <name>bb::DatasetScanner</name>
    <message>
        <source>cannot open file: %1</source>
        <translation>Datei kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>resource-fork companion file</source>
        <translation>Resource-Fork-Begleitdatei</translation>
    </message>
    <message>
        <source>operating-system metadata</source>
        <translation>Metadaten des Betriebssystems</translation>
    </message>
    <message>
        <source>hidden file</source>
        <translation>versteckte Datei</translation>
    </message>
    <message>
        <source>not an image</source>
        <translation>kein Bild</translation>
    </message>
    <message>
        <source>dataset folder does not exist: %1</source>
        <translation>Datensatz-Ordner existiert nicht: %1</translation>
    </message>
    <message>
        <source>not a folder: %1</source>
        <translation>kein Ordner: %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>cancelled after %1 of %2 files (progress so far is saved)</source>
        <translation>abgebrochen nach %1 von %2 Dateien (der bisherige Fortschritt ist gespeichert)</translation>
    </message>
    <message>
        <source>cannot write to the project store: %1</source>
        <translation>in den Projektspeicher kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>cannot read the dataset folder %1</source>
        <translation>Der Datensatz-Ordner %1 kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>its name is not valid UTF-8, so it cannot be opened by name; rename it</source>
        <translation>sein Name ist kein gültiges UTF-8 und kann daher nicht geöffnet werden; benennen Sie ihn um</translation>
    </message>
    <message>
        <source>%1: the folder&apos;s name is not valid UTF-8, so it cannot be opened by name; rename it</source>
        <translation>%1: der Name des Ordners ist kein gültiges UTF-8, daher kann er nicht geöffnet werden; benennen Sie ihn um</translation>
    </message>
</context>
<context>
    <name>bb::DemoDataset</name>
    <message>
        <source>IDX image/label files do not match (dims %1 vs %2)</source>
        <translation>IDX-Bild- und Label-Dateien passen nicht zusammen (Dimensionen %1 und %2)</translation>
    </message>
    <message>
        <source>%1 exists and is not a demo dataset; choose an empty folder</source>
        <translation>%1 existiert und ist kein Demo-Datensatz; wählen Sie einen leeren Ordner</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Fashion-MNIST has only %1 distinct images of class %2</source>
        <translation>Fashion-MNIST hat nur %1 verschiedene Bilder der Klasse %2</translation>
    </message>
    <message>
        <source>cannot write demo.json: %1</source>
        <translation>demo.json kann nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>bb::EmbeddingPlot</name>
    <message>
        <source>%1
Class: %2</source>
        <translation>%1
Klasse: %2</translation>
    </message>
</context>
<context>
    <name>bb::EvaluationView</name>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>Folder-per-class test images (test/&lt;class&gt;/…)</source>
        <translation>Testbilder mit einem Ordner pro Klasse (test/&lt;Klasse&gt;/…)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Test Dataset Folder</source>
        <translation>Ordner des Testdatensatzes</translation>
    </message>
    <message>
        <source>Test folder:</source>
        <translation>Testordner:</translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation>&amp;Auswerten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Row-normalised</source>
        <translation>Zeilenweise normiert</translation>
    </message>
    <message>
        <source>Show each row as fractions of the true class (recall on the diagonal)</source>
        <translation>Jede Zeile als Anteile der wahren Klasse zeigen (Trefferquote auf der Diagonale)</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xportieren</translation>
    </message>
    <message>
        <source>Choose a model and a test folder, then Evaluate.</source>
        <translation>Wählen Sie ein Modell und einen Testordner, dann Auswerten.</translation>
    </message>
    <message>
        <source>Click a cell to list its images by confidence; double-click to select them in the browser</source>
        <translation>Klick auf eine Zelle listet ihre Bilder nach Konfidenz; Doppelklick wählt sie in der Bildübersicht aus</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Trefferquote</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Click a cell of the matrix.</source>
        <translation>Klicken Sie auf eine Zelle der Matrix.</translation>
    </message>
    <message>
        <source>Show in Browser</source>
        <translation>In der Bildübersicht zeigen</translation>
    </message>
    <message>
        <source>Relabel selected as:</source>
        <translation>Ausgewählten Bildern zuweisen:</translation>
    </message>
    <message>
        <source>Relabel</source>
        <translation>Zuweisen</translation>
    </message>
    <message>
        <source>Per class</source>
        <translation>Pro Klasse</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Diagramm</translation>
    </message>
    <message>
        <source>Cell images</source>
        <translation>Bilder der Zelle</translation>
    </message>
    <message>
        <source>Choose a model bundle (.bbmodel) first.</source>
        <translation>Wählen Sie zuerst ein Modellpaket (.bbmodel).</translation>
    </message>
    <message>
        <source>Choose a folder-per-class test set (test/&lt;class&gt;/&lt;image&gt;).</source>
        <translation>Wählen Sie einen Testdatensatz mit einem Ordner pro Klasse (test/&lt;Klasse&gt;/&lt;Bild&gt;).</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>Modell wird geladen…</translation>
    </message>
    <message>
        <source>Classifying %1 / %2 (%3 images/s)</source>
        <translation>Klassifiziere %1 / %2 (%3 Bilder/s)</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Evaluation failed: %1</source>
        <translation>Auswertung fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) evaluated</source>
        <translation>
            <numerusform>%n Bild ausgewertet</numerusform>
            <numerusform>%n Bilder ausgewertet</numerusform>
        </translation>
    </message>
    <message>
        <source>Test classes not in the model (not counted): %1</source>
        <translation>Testklassen, die das Modell nicht kennt (nicht gezählt): %1</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be classified (listed in the JSON export)</source>
        <translation>
            <numerusform>%n Bild konnte nicht klassifiziert werden (im JSON-Export aufgeführt)</numerusform>
            <numerusform>%n Bilder konnten nicht klassifiziert werden (im JSON-Export aufgeführt)</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Macro-F1 %1&lt;/b&gt; · accuracy %2 · %3 images · %4 classes · %5 s</source>
        <translation>&lt;b&gt;Makro-F1 %1&lt;/b&gt; · Genauigkeit %2 · %3 Bilder · %4 Klassen · %5 s</translation>
    </message>
    <message>
        <source>The confusion matrix appears here after an evaluation.</source>
        <translation>Die Konfusionsmatrix erscheint hier nach einer Auswertung.</translation>
    </message>
    <message>
        <source>Predicted class</source>
        <translation>Vorhergesagte Klasse</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>Wahre Klasse</translation>
    </message>
    <message>
        <source>Fraction of the true class</source>
        <translation>Anteil der wahren Klasse</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>macro-F1 %1 (dashed)</source>
        <translation>Makro-F1 %1 (gestrichelt)</translation>
    </message>
    <message>
        <source>macro-F1</source>
        <translation>Makro-F1</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>%1
true: %2 · predicted: %3 (%4)</source>
        <translation>%1
wahr: %2 · vorhergesagt: %3 (%4)</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n image(s)&lt;/b&gt; of true class “%1” predicted as “%2”, most confident first%3</source>
        <translation>
            <numerusform>&lt;b&gt;%n Bild&lt;/b&gt; der wahren Klasse „%1“, vorhergesagt als „%2“, sicherstes zuerst%3</numerusform>
            <numerusform>&lt;b&gt;%n Bilder&lt;/b&gt; der wahren Klasse „%1“, vorhergesagt als „%2“, sicherste zuerst%3</numerusform>
        </translation>
    </message>
    <message>
        <source> (not images of the open project: open the test set to relabel them)</source>
        <translation> (keine Bilder des geöffneten Projekts: öffnen Sie den Testdatensatz, um ihre Klasse zu ändern)</translation>
    </message>
    <message>
        <source>The selected images are not part of the open project.</source>
        <translation>Die ausgewählten Bilder gehören nicht zum geöffneten Projekt.</translation>
    </message>
    <message numerus="yes">
        <source>Relabelled %n image(s) as “%1” (Undo with Ctrl+Z). Evaluate again to see the effect of retraining.</source>
        <translation>
            <numerusform>%n Bild der Klasse „%1“ zugewiesen (Rückgängig mit Strg+Z). Werten Sie nach einem neuen Training erneut aus, um die Wirkung zu sehen.</numerusform>
            <numerusform>%n Bilder der Klasse „%1“ zugewiesen (Rückgängig mit Strg+Z). Werten Sie nach einem neuen Training erneut aus, um die Wirkung zu sehen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Nothing to export yet.</source>
        <translation>Noch nichts zu exportieren.</translation>
    </message>
    <message>
        <source>Confusion Matrix as PNG…</source>
        <translation>Konfusionsmatrix als PNG…</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Confusion Matrix as SVG…</source>
        <translation>Konfusionsmatrix als SVG…</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG-Bilder (*.svg)</translation>
    </message>
    <message>
        <source>Confusion Matrix as PDF…</source>
        <translation>Konfusionsmatrix als PDF…</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-Dokumente (*.pdf)</translation>
    </message>
    <message>
        <source>Per-Class Chart as PNG…</source>
        <translation>Klassendiagramm als PNG…</translation>
    </message>
    <message>
        <source>Per-Class Chart as SVG…</source>
        <translation>Klassendiagramm als SVG…</translation>
    </message>
    <message>
        <source>Per-Class Chart as PDF…</source>
        <translation>Klassendiagramm als PDF…</translation>
    </message>
    <message>
        <source>Metrics as JSON…</source>
        <translation>Metriken als JSON…</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Metrics as CSV…</source>
        <translation>Metriken als CSV…</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Predictions as CSV…</source>
        <translation>Vorhersagen als CSV…</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1 geschrieben</translation>
    </message>
</context>
<context>
    <name>bb::IdxReader</name>
    <message>
        <source>zlib initialisation failed</source>
        <translation>zlib-Initialisierung fehlgeschlagen</translation>
    </message>
    <message>
        <source>truncated data</source>
        <translation>abgeschnittene Daten</translation>
    </message>
    <message>
        <source>corrupt gzip data: %1</source>
        <translation>beschädigte gzip-Daten: %1</translation>
    </message>
    <message>
        <source>corrupt gzip data: truncated stream</source>
        <translation>beschädigte gzip-Daten: abgeschnittener Datenstrom</translation>
    </message>
    <message>
        <source>not an IDX file (bad magic number)</source>
        <translation>keine IDX-Datei (falsche Kennung)</translation>
    </message>
    <message>
        <source>unsupported IDX element type 0x%1 (only unsigned bytes)</source>
        <translation>nicht unterstützter IDX-Elementtyp 0x%1 (nur vorzeichenlose Bytes)</translation>
    </message>
    <message>
        <source>truncated IDX header</source>
        <translation>abgeschnittener IDX-Kopf</translation>
    </message>
    <message>
        <source>implausible IDX dimension %1</source>
        <translation>unplausible IDX-Dimension %1</translation>
    </message>
    <message>
        <source>IDX data too large</source>
        <translation>IDX-Daten zu groß</translation>
    </message>
    <message>
        <source>truncated IDX data: expected %1 bytes, found %2</source>
        <translation>abgeschnittene IDX-Daten: %1 Bytes erwartet, %2 gefunden</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>bb::ImageDecoder</name>
    <message>
        <source>empty file</source>
        <translation>leere Datei</translation>
    </message>
    <message>
        <source>unsupported format: GIF (OpenCV 4.6 has no GIF decoder)</source>
        <translation>nicht unterstütztes Format: GIF (OpenCV 4.6 hat keinen GIF-Decoder)</translation>
    </message>
    <message>
        <source>image too large: %1 x %2 pixels exceeds the limit of %3 pixels</source>
        <translation>Bild zu groß: %1 x %2 Pixel überschreiten die Grenze von %3 Pixeln</translation>
    </message>
    <message>
        <source>cannot decode: %1</source>
        <translation>kann nicht dekodiert werden: %1</translation>
    </message>
    <message>
        <source>not a recognised image format</source>
        <translation>kein erkanntes Bildformat</translation>
    </message>
    <message>
        <source>corrupt or truncated %1 data</source>
        <translation>beschädigte oder abgeschnittene %1-Daten</translation>
    </message>
    <message>
        <source>unsupported channel count %1</source>
        <translation>nicht unterstützte Kanalzahl %1</translation>
    </message>
    <message>
        <source>cannot convert image: %1</source>
        <translation>Bild kann nicht umgewandelt werden: %1</translation>
    </message>
    <message>
        <source>cannot open file: %1</source>
        <translation>Datei kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>file too large: %1 MB exceeds the limit of %2 MB</source>
        <translation>Datei zu groß: %1 MB überschreiten die Grenze von %2 MB</translation>
    </message>
    <message>
        <source>not a recognised image format (no image signature in its first bytes; %1 MB, not read)</source>
        <translation>kein bekanntes Bildformat (keine Bildsignatur in den ersten Bytes; %1 MB, nicht gelesen)</translation>
    </message>
    <message>
        <source>not a regular file (a pipe or a device)</source>
        <translation>keine reguläre Datei (eine Pipe oder ein Gerät)</translation>
    </message>
</context>
<context>
    <name>bb::ImageListModel</name>
    <message>
        <source>usable</source>
        <translation>verwendbar</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Class: %1</source>
        <translation>Klasse: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>excluded</source>
        <translation>ausgeschlossen</translation>
    </message>
</context>
<context>
    <name>bb::InspectorWidget</name>
    <message>
        <source>labelled</source>
        <translation>zugewiesen</translation>
    </message>
    <message>
        <source>label undone</source>
        <translation>Zuweisung rückgängig</translation>
    </message>
    <message>
        <source>class renamed</source>
        <translation>Klasse umbenannt</translation>
    </message>
    <message>
        <source>class merged</source>
        <translation>Klasse zusammengeführt</translation>
    </message>
    <message>
        <source>merge undone</source>
        <translation>Zusammenführung rückgängig</translation>
    </message>
    <message>
        <source>excluded</source>
        <translation>ausgeschlossen</translation>
    </message>
    <message>
        <source>included again</source>
        <translation>wieder einbezogen</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>Dateigröße</translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation>Abmessungen</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Aufteilung</translation>
    </message>
    <message>
        <source>Label history</source>
        <translation>Verlauf der Zuweisungen</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Nach</translation>
    </message>
    <message>
        <source>Cannot show this image:
%1</source>
        <translation>Dieses Bild kann nicht angezeigt werden:
%1</translation>
    </message>
    <message>
        <source>Select an image</source>
        <translation>Wählen Sie ein Bild</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>No image selected</source>
        <translation>Kein Bild ausgewählt</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1 (%2 Bytes)</translation>
    </message>
    <message>
        <source>%1 × %2 px</source>
        <translation>%1 × %2 px</translation>
    </message>
    <message>
        <source>usable, excluded from training</source>
        <translation>verwendbar, vom Training ausgeschlossen</translation>
    </message>
    <message>
        <source>usable</source>
        <translation>verwendbar</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>not split yet</source>
        <translation>noch nicht aufgeteilt</translation>
    </message>
    <message>
        <source>Cannot decode this image</source>
        <translation>Dieses Bild kann nicht dekodiert werden</translation>
    </message>
</context>
<context>
    <name>bb::LabelCommands</name>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message numerus="yes">
        <source>Label %n image(s) as “%1”</source>
        <translation>
            <numerusform>%n Bild der Klasse „%1“ zuweisen</numerusform>
            <numerusform>%n Bilder der Klasse „%1“ zuweisen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exclude %n image(s)</source>
        <translation>
            <numerusform>%n Bild ausschließen</numerusform>
            <numerusform>%n Bilder ausschließen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Include %n image(s)</source>
        <translation>
            <numerusform>%n Bild einbeziehen</numerusform>
            <numerusform>%n Bilder einbeziehen</numerusform>
        </translation>
    </message>
    <message>
        <source>Create class “%1”</source>
        <translation>Klasse „%1“ anlegen</translation>
    </message>
    <message>
        <source>Rename class “%1” to “%2”</source>
        <translation>Klasse „%1“ in „%2“ umbenennen</translation>
    </message>
    <message>
        <source>Merge class “%1” into “%2”</source>
        <translation>Klasse „%1“ mit „%2“ zusammenführen</translation>
    </message>
    <message>
        <source>Delete class “%1”</source>
        <translation>Klasse „%1“ löschen</translation>
    </message>
</context>
<context>
    <name>bb::LabelExport</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>%1 exists and is not an empty folder</source>
        <translation>%1 existiert und ist kein leerer Ordner</translation>
    </message>
    <message>
        <source>the export folder must be outside the dataset folder</source>
        <translation>der Exportordner muss außerhalb des Datensatz-Ordners liegen</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cancelled after %1 of %2 files</source>
        <translation>abgebrochen nach %1 von %2 Dateien</translation>
    </message>
    <message>
        <source>%1: cannot copy</source>
        <translation>%1: kann nicht kopiert werden</translation>
    </message>
    <message>
        <source>%1: cannot link</source>
        <translation>%1: kann nicht verknüpft werden</translation>
    </message>
</context>
<context>
    <name>bb::MainWindow</name>
    <message>
        <source>&amp;Browser</source>
        <translation>&amp;Bilder</translation>
    </message>
    <message>
        <source>B&amp;alance</source>
        <translation>&amp;Ausgleich</translation>
    </message>
    <message>
        <source>BalanceBench</source>
        <translation>BalanceBench</translation>
    </message>
    <message>
        <source>&amp;Open Dataset Folder…</source>
        <translation>Datensatz-&amp;Ordner öffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Project File…</source>
        <translation>&amp;Projektdatei öffnen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>&amp;Rescan Dataset</source>
        <translation>Datensatz &amp;neu einlesen</translation>
    </message>
    <message>
        <source>&amp;Cancel Scan</source>
        <translation>&amp;Einlesen abbrechen</translation>
    </message>
    <message>
        <source>Shift+Esc</source>
        <translation>Shift+Esc</translation>
    </message>
    <message>
        <source>Export Labels as &amp;Folders…</source>
        <translation>Zuweisungen als Or&amp;dner exportieren…</translation>
    </message>
    <message>
        <source>Export Labels as CS&amp;V…</source>
        <translation>Zuweisungen als &amp;CSV exportieren…</translation>
    </message>
    <message>
        <source>Close Pro&amp;ject</source>
        <translation>Projekt &amp;schließen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Ctrl+Y</source>
        <translation>Ctrl+Y</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Select &amp;All Shown</source>
        <translation>&amp;Alle angezeigten auswählen</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>Label as &amp;New Class…</source>
        <translation>&amp;Neuer Klasse zuweisen…</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>E&amp;xclude From Training</source>
        <translation>Vom Training &amp;ausschließen</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Include Again</source>
        <translation>&amp;Wieder einbeziehen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>New &amp;Class…</source>
        <translation>Neue &amp;Klasse…</translation>
    </message>
    <message>
        <source>&amp;Rename Class…</source>
        <translation>Klasse &amp;umbenennen…</translation>
    </message>
    <message>
        <source>F2</source>
        <translation>F2</translation>
    </message>
    <message>
        <source>&amp;Merge Class Into…</source>
        <translation>Klasse &amp;zusammenführen mit…</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>&amp;Delete Class…</source>
        <translation>Klasse &amp;löschen…</translation>
    </message>
    <message>
        <source>Ctrl+Del</source>
        <translation>Ctrl+Del</translation>
    </message>
    <message>
        <source>&amp;Larger Thumbnails</source>
        <translation>&amp;Größere Vorschaubilder</translation>
    </message>
    <message>
        <source>&amp;Smaller Thumbnails</source>
        <translation>&amp;Kleinere Vorschaubilder</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>Ctrl+Shift+D</source>
        <translation>Ctrl+Shift+D</translation>
    </message>
    <message>
        <source>&amp;System Language</source>
        <translation>&amp;Systemsprache</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>&amp;Vollbild</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>&amp;Anordnung zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About BalanceBench</source>
        <translation>Ü&amp;ber BalanceBench</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open R&amp;ecent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>&amp;Klassen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Pages</source>
        <translation>&amp;Seiten</translation>
    </message>
    <message>
        <source>P&amp;anels</source>
        <translation>&amp;Bereiche</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation>S&amp;prache</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Klassen</translation>
    </message>
    <message>
        <source>Class Counts</source>
        <translation>Klassenverteilung</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>%1 — BalanceBench</source>
        <translation>%1 – BalanceBench</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>Wird eingelesen…</translation>
    </message>
    <message>
        <source>Scanning %v / %m (%1 files/s)</source>
        <translation>Einlesen %v / %m (%1 Dateien/s)</translation>
    </message>
    <message>
        <source>Scanning %v / %m</source>
        <translation>Einlesen %v / %m</translation>
    </message>
    <message>
        <source>Scan stopped: %1</source>
        <translation>Einlesen angehalten: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n ausgewählt</numerusform>
            <numerusform>%n ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>Balanced Dataset Written</source>
        <translation>Ausgeglichener Datensatz geschrieben</translation>
    </message>
    <message>
        <source>Balancing Failed</source>
        <translation>Ausgleich fehlgeschlagen</translation>
    </message>
    <message>
        <source>Label as “%1”</source>
        <translation>Klasse „%1“ zuweisen</translation>
    </message>
    <message>
        <source>No dataset open</source>
        <translation>Kein Datensatz geöffnet</translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s)</source>
        <translation>
            <numerusform>%Ln Bild</numerusform>
            <numerusform>%Ln Bilder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n class(es)</source>
        <translation>
            <numerusform>%n Klasse</numerusform>
            <numerusform>%n Klassen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped</source>
        <translation>
            <numerusform>%Ln übersprungen</numerusform>
            <numerusform>%Ln übersprungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Dataset: %1
Project: %2</source>
        <translation>Datensatz: %1
Projekt: %2</translation>
    </message>
    <message>
        <source>%1 is neither a dataset folder nor a project file</source>
        <translation>%1 ist weder ein Datensatz-Ordner noch eine Projektdatei</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>Keine zuletzt geöffneten Projekte</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <source>Open Dataset Folder</source>
        <translation>Datensatz-Ordner öffnen</translation>
    </message>
    <message>
        <source>Open Project File</source>
        <translation>Projektdatei öffnen</translation>
    </message>
    <message>
        <source>BalanceBench projects (*.sqlite *.bbproj *.db);;All files (*)</source>
        <translation>BalanceBench-Projekte (*.sqlite *.bbproj *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Label as</source>
        <translation>Klasse zuweisen</translation>
    </message>
    <message>
        <source>Copy Path</source>
        <translation>Pfad kopieren</translation>
    </message>
    <message>
        <source>Show Containing Folder</source>
        <translation>Enthaltenden Ordner zeigen</translation>
    </message>
    <message>
        <source>Show Only “%1”</source>
        <translation>Nur „%1“ zeigen</translation>
    </message>
    <message>
        <source>Merge Into</source>
        <translation>Zusammenführen mit</translation>
    </message>
    <message>
        <source>Label as New Class</source>
        <translation>Neuer Klasse zuweisen</translation>
    </message>
    <message numerus="yes">
        <source>Name of the new class for %n image(s):</source>
        <translation>
            <numerusform>Name der neuen Klasse für %n Bild:</numerusform>
            <numerusform>Name der neuen Klasse für %n Bilder:</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” is not a valid class name.</source>
        <translation>„%1“ ist kein gültiger Klassenname.</translation>
    </message>
    <message>
        <source>New Class</source>
        <translation>Neue Klasse</translation>
    </message>
    <message>
        <source>Class name:</source>
        <translation>Klassenname:</translation>
    </message>
    <message>
        <source>Rename Class</source>
        <translation>Klasse umbenennen</translation>
    </message>
    <message>
        <source>New name for “%1”:</source>
        <translation>Neuer Name für „%1“:</translation>
    </message>
    <message>
        <source>There is no other class to merge “%1” into.</source>
        <translation>Es gibt keine andere Klasse, mit der „%1“ zusammengeführt werden kann.</translation>
    </message>
    <message>
        <source>Merge Class</source>
        <translation>Klasse zusammenführen</translation>
    </message>
    <message>
        <source>Move every image of “%1” into:</source>
        <translation>Alle Bilder von „%1“ verschieben nach:</translation>
    </message>
    <message numerus="yes">
        <source>“%1” still has %n image(s) and there is no other class to move them to.</source>
        <translation>
            <numerusform>„%1“ hat noch %n Bild, und es gibt keine andere Klasse, in die es verschoben werden kann.</numerusform>
            <numerusform>„%1“ hat noch %n Bilder, und es gibt keine andere Klasse, in die sie verschoben werden können.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Class</source>
        <translation>Klasse löschen</translation>
    </message>
    <message numerus="yes">
        <source>“%1” still has %n image(s). Move them to:</source>
        <translation>
            <numerusform>„%1“ hat noch %n Bild. Verschieben nach:</numerusform>
            <numerusform>„%1“ hat noch %n Bilder. Verschieben nach:</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Labels as Folders</source>
        <translation>Zuweisungen als Ordner exportieren</translation>
    </message>
    <message>
        <source>Write one folder per class with the images of that class. The source images stay where they are.</source>
        <translation>Schreibt einen Ordner pro Klasse mit den Bildern dieser Klasse. Die Quellbilder bleiben, wo sie sind.</translation>
    </message>
    <message>
        <source>Copy Files</source>
        <translation>Dateien kopieren</translation>
    </message>
    <message>
        <source>Create Links</source>
        <translation>Verknüpfungen anlegen</translation>
    </message>
    <message>
        <source>Export Into (an empty folder)</source>
        <translation>Exportieren nach (ein leerer Ordner)</translation>
    </message>
    <message>
        <source>Exporting labels…</source>
        <translation>Zuweisungen werden exportiert…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Labels Exported</source>
        <translation>Zuweisungen exportiert</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) in %1 classes to %2 (with labels.csv).</source>
        <translation>
            <numerusform>%n Bild in %1 Klassen nach %2 exportiert (mit labels.csv).</numerusform>
            <numerusform>%n Bilder in %1 Klassen nach %2 exportiert (mit labels.csv).</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Labels as CSV</source>
        <translation>Zuweisungen als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Labels written to %1</source>
        <translation>Zuweisungen nach %1 geschrieben</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>About BalanceBench</source>
        <translation>Über BalanceBench</translation>
    </message>
    <message>
        <source>&lt;h3&gt;BalanceBench %1&lt;/h3&gt;&lt;p&gt;A workbench for image classification on imbalanced datasets: inspect and fix labels, preview and write a balanced training split.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;BalanceBench %1&lt;/h3&gt;&lt;p&gt;Eine Werkbank für die Bildklassifikation mit unausgewogenen Datensätzen: Klassenzuweisungen prüfen und korrigieren, eine ausgeglichene Trainingsmenge ansehen und schreiben.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>BalanceBench will use this language when it starts next time.</source>
        <translation>BalanceBench verwendet diese Sprache ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>Quit BalanceBench?</source>
        <translation>BalanceBench beenden?</translation>
    </message>
    <message>
        <source>A balanced dataset is being written. Cancel it and quit?</source>
        <translation>Ein ausgeglichener Datensatz wird gerade geschrieben. Abbrechen und beenden?</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>&amp;Training</translation>
    </message>
    <message>
        <source>&amp;Evaluation</source>
        <translation>A&amp;uswertung</translation>
    </message>
    <message>
        <source>&amp;Prediction</source>
        <translation>&amp;Vorhersage</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>&amp;Rückgängig: %1</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>&amp;Wiederherstellen: %1</translation>
    </message>
</context>
<context>
    <name>bb::ModelBundle</name>
    <message>
        <source>bundle config: %1</source>
        <translation>Konfiguration des Modellpakets: %1</translation>
    </message>
    <message>
        <source>bundle has fewer than two classes</source>
        <translation>das Modellpaket hat weniger als zwei Klassen</translation>
    </message>
    <message>
        <source>cannot serialise the model: %1</source>
        <translation>das Modell kann nicht serialisiert werden: %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>cannot open model %1: %2</source>
        <translation>Modell %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a BalanceBench model bundle</source>
        <translation>%1 ist kein BalanceBench-Modellpaket</translation>
    </message>
    <message>
        <source>%1: truncated model bundle</source>
        <translation>%1: abgeschnittenes Modellpaket</translation>
    </message>
    <message>
        <source>%1: bad metadata (%2)</source>
        <translation>%1: fehlerhafte Metadaten (%2)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: cannot load weights: %2</source>
        <translation>%1: Gewichte können nicht geladen werden: %2</translation>
    </message>
    <message>
        <source>%1: bad preprocessing metadata</source>
        <translation>%1: fehlerhafte Metadaten zur Vorverarbeitung</translation>
    </message>
    <message>
        <source>%1 is %2 in the file but %3 in the model</source>
        <translation>%1 ist in der Datei %2, im Modell aber %3</translation>
    </message>
    <message>
        <source>%1 is in the file but not in the model</source>
        <translation>%1 ist in der Datei, aber nicht im Modell</translation>
    </message>
    <message>
        <source>%1: bad preprocessing metadata (mean %2, std %3)</source>
        <translation>%1: ungültige Vorverarbeitungs-Metadaten (Mittelwert %2, Standardabweichung %3)</translation>
    </message>
    <message>
        <source>%1 is %2 GB, more than any model bundle; it is not read</source>
        <translation>%1 ist %2 GB groß, mehr als jedes Modellpaket; sie wird nicht gelesen</translation>
    </message>
    <message>
        <source>%1: bad metadata (not a JSON object)</source>
        <translation>%1: fehlerhafte Metadaten (kein JSON-Objekt)</translation>
    </message>
</context>
<context>
    <name>bb::ModelPicker</name>
    <message>
        <source>Model bundle (.bbmodel)</source>
        <translation>Modellpaket (.bbmodel)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose a Model</source>
        <translation>Modell wählen</translation>
    </message>
    <message>
        <source>BalanceBench models (*.bbmodel);;All files (*)</source>
        <translation>BalanceBench-Modelle (*.bbmodel);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>bb::PredictionView</name>
    <message>
        <source>Nearest training images:</source>
        <translation>Nächste Trainingsbilder:</translation>
    </message>
    <message>
        <source>Nearest training images</source>
        <translation>Nächste Trainingsbilder</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>Top-k:</source>
        <translation>Top-k:</translation>
    </message>
    <message>
        <source>Classes listed per image (clear the results to change it)</source>
        <translation>Aufgeführte Klassen pro Bild (zum Ändern die Ergebnisse leeren)</translation>
    </message>
    <message>
        <source>Add &amp;Files…</source>
        <translation>&amp;Dateien hinzufügen…</translation>
    </message>
    <message>
        <source>Add F&amp;older…</source>
        <translation>&amp;Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Paste Paths</source>
        <translation>Pfade &amp;einfügen</translation>
    </message>
    <message>
        <source>Classify the files and folders whose paths are on the clipboard (Ctrl+V)</source>
        <translation>Die Dateien und Ordner klassifizieren, deren Pfade in der Zwischenablage stehen (Strg+V)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>JSON exportieren…</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:14pt&apos;&gt;Drop images or folders here&lt;/p&gt;&lt;p&gt;Files, folders (searched recursively) or a mix · or use Add Files, Add Folder, Paste Paths&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:14pt&apos;&gt;Bilder oder Ordner hier ablegen&lt;/p&gt;&lt;p&gt;Dateien, Ordner (rekursiv durchsucht) oder beides · oder Dateien hinzufügen, Ordner hinzufügen, Pfade einfügen&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Files that could not be classified&lt;/b&gt;</source>
        <translation>&lt;b&gt;Dateien, die nicht klassifiziert werden konnten&lt;/b&gt;</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Classifying %v / %m</source>
        <translation>Klassifiziere %v / %m</translation>
    </message>
    <message>
        <source>Only local files and folders can be classified: “%1” is a web address. Download the image and drop the file instead.</source>
        <translation>Nur lokale Dateien und Ordner können klassifiziert werden: „%1“ ist eine Webadresse. Laden Sie das Bild herunter und legen Sie die Datei hier ab.</translation>
    </message>
    <message>
        <source>The clipboard holds text that is not a path of a file or folder.</source>
        <translation>Die Zwischenablage enthält Text, der kein Pfad einer Datei oder eines Ordners ist.</translation>
    </message>
    <message>
        <source>The drop carried text, not files. Drop image files or folders here, or copy their paths and use Paste Paths (Ctrl+V).</source>
        <translation>Abgelegt wurde Text, keine Dateien. Legen Sie Bilddateien oder Ordner hier ab, oder kopieren Sie ihre Pfade und verwenden Sie Pfade einfügen (Strg+V).</translation>
    </message>
    <message>
        <source>The clipboard holds no file paths.</source>
        <translation>Die Zwischenablage enthält keine Dateipfade.</translation>
    </message>
    <message>
        <source>The drop carried no files or folders.</source>
        <translation>Abgelegt wurden keine Dateien oder Ordner.</translation>
    </message>
    <message numerus="yes">
        <source>%n web address(es) skipped: only local files and folders can be classified.</source>
        <translation>
            <numerusform>%n Webadresse übersprungen: Nur lokale Dateien und Ordner können klassifiziert werden.</numerusform>
            <numerusform>%n Webadressen übersprungen: Nur lokale Dateien und Ordner können klassifiziert werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>The clipboard is empty.</source>
        <translation>Die Zwischenablage ist leer.</translation>
    </message>
    <message>
        <source>Images to Classify</source>
        <translation>Zu klassifizierende Bilder</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff *.pgm *.ppm *.pnm);;All files (*)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff *.pgm *.ppm *.pnm);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Folder of Images to Classify</source>
        <translation>Ordner mit zu klassifizierenden Bildern</translation>
    </message>
    <message>
        <source>Choose a model bundle (.bbmodel) first; the files were not classified.</source>
        <translation>Wählen Sie zuerst ein Modellpaket (.bbmodel); die Dateien wurden nicht klassifiziert.</translation>
    </message>
    <message>
        <source>Loading the model and listing files…</source>
        <translation>Modell wird geladen, Dateien werden aufgelistet…</translation>
    </message>
    <message>
        <source>%1 classified · %2 could not be classified</source>
        <translation>%1 klassifiziert · %2 nicht klassifizierbar</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cannot load the model: %1</source>
        <translation>Das Modell kann nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Export Predictions as JSON</source>
        <translation>Vorhersagen als JSON exportieren</translation>
    </message>
    <message>
        <source>Export Predictions as CSV</source>
        <translation>Vorhersagen als CSV exportieren</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1 geschrieben</translation>
    </message>
</context>
<context>
    <name>bb::Predictor</name>
    <message>
        <source>expected an 8-bit RGB image</source>
        <translation>8-Bit-RGB-Bild erwartet</translation>
    </message>
    <message>
        <source>prediction failed: %1</source>
        <translation>Vorhersage fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>bb::ProjectSession</name>
    <message>
        <source>%1 is not a folder</source>
        <translation>%1 ist kein Ordner</translation>
    </message>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 existiert nicht</translation>
    </message>
    <message>
        <source>the dataset folder of project %1 cannot be found (%2)</source>
        <translation>der Datensatz-Ordner des Projekts %1 ist nicht auffindbar (%2)</translation>
    </message>
    <message>
        <source>Scan finished in %1 s: %2 read, %3 unchanged, %4 missing</source>
        <translation>Einlesen nach %1 s beendet: %2 gelesen, %3 unverändert, %4 fehlen</translation>
    </message>
    <message>
        <source>A class name cannot be empty.</source>
        <translation>Ein Klassenname darf nicht leer sein.</translation>
    </message>
    <message>
        <source>“%1” is not a valid class name.</source>
        <translation>„%1“ ist kein gültiger Klassenname.</translation>
    </message>
    <message>
        <source>A class named “%1” already exists.</source>
        <translation>Eine Klasse namens „%1“ gibt es schon.</translation>
    </message>
    <message>
        <source>A class named “%1” already exists; use Merge to combine classes.</source>
        <translation>Eine Klasse namens „%1“ gibt es schon; Klassen vereinen Sie mit Zusammenführen.</translation>
    </message>
    <message>
        <source>Choose two different existing classes to merge.</source>
        <translation>Wählen Sie zum Zusammenführen zwei verschiedene vorhandene Klassen.</translation>
    </message>
    <message>
        <source>Class “%1” still has images; merge it into another class or relabel them first.</source>
        <translation>Klasse „%1“ hat noch Bilder; führen Sie sie mit einer anderen Klasse zusammen oder weisen Sie die Bilder zuerst anderen Klassen zu.</translation>
    </message>
    <message>
        <source>no project is open</source>
        <translation>kein Projekt geöffnet</translation>
    </message>
</context>
<context>
    <name>bb::ProjectStore</name>
    <message>
        <source>no transaction</source>
        <translation>keine Transaktion</translation>
    </message>
    <message>
        <source>commit failed: %1</source>
        <translation>Commit fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>cannot create folder for the project store: %1</source>
        <translation>Ordner für den Projektspeicher kann nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>the Qt SQLite driver (libqt6sql6-sqlite) is not available</source>
        <translation>der SQLite-Treiber von Qt (libqt6sql6-sqlite) ist nicht verfügbar</translation>
    </message>
    <message>
        <source>cannot open project store %1: %2</source>
        <translation>Projektspeicher %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>project store %1: %2</source>
        <translation>Projektspeicher %1: %2</translation>
    </message>
    <message>
        <source>not a valid project store (%1)</source>
        <translation>kein gültiger Projektspeicher (%1)</translation>
    </message>
    <message>
        <source>created by a newer BalanceBench (schema %1)</source>
        <translation>von einem neueren BalanceBench angelegt (Schema %1)</translation>
    </message>
    <message>
        <source>a class name cannot be empty</source>
        <translation>ein Klassenname darf nicht leer sein</translation>
    </message>
    <message>
        <source>file no longer exists</source>
        <translation>Datei existiert nicht mehr</translation>
    </message>
    <message>
        <source>a class named &apos;%1&apos; already exists</source>
        <translation>eine Klasse namens „%1“ gibt es schon</translation>
    </message>
    <message>
        <source>no class named &apos;%1&apos;</source>
        <translation>keine Klasse namens „%1“</translation>
    </message>
    <message>
        <source>cannot merge a class into itself</source>
        <translation>eine Klasse kann nicht mit sich selbst zusammengeführt werden</translation>
    </message>
    <message>
        <source>class &apos;%1&apos; still has images (%2); relabel or merge them first</source>
        <translation>Klasse „%1“ hat noch Bilder (%2); weisen Sie sie zuerst anderen Klassen zu oder führen Sie sie zusammen</translation>
    </message>
    <message>
        <source>the project store %1 is read-only (it needs write access to the file and its folder); make it writable or use a project file elsewhere</source>
        <translation>Der Projektspeicher %1 ist schreibgeschützt (er braucht Schreibzugriff auf die Datei und ihren Ordner); machen Sie ihn beschreibbar oder verwenden Sie eine Projektdatei an anderer Stelle</translation>
    </message>
    <message>
        <source>cannot create the project store %1: its folder is read-only; use a project file elsewhere (--project FILE)</source>
        <translation>Projektspeicher %1 kann nicht angelegt werden: sein Ordner ist schreibgeschützt; verwenden Sie eine Projektdatei an anderem Ort (--project DATEI)</translation>
    </message>
</context>
<context>
    <name>bb::ScanWorker</name>
    <message numerus="yes">
        <source>%n folder(s) could not be read, so their images are missing: %1</source>
        <translation>
            <numerusform>%n Ordner konnte nicht gelesen werden, seine Bilder fehlen: %1</numerusform>
            <numerusform>%n Ordner konnten nicht gelesen werden, ihre Bilder fehlen: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bb::Splitter</name>
    <message>
        <source>images with the same content as an image with a different label: %1</source>
        <translation>Bilder mit demselben Inhalt wie ein Bild einer anderen Klasse: %1</translation>
    </message>
    <message>
        <source>class &apos;%1&apos; has a single image; it goes to the training split only</source>
        <translation>Klasse „%1“ hat nur ein Bild; es kommt nur in die Trainingsmenge</translation>
    </message>
    <message>
        <source>class &apos;%1&apos;: identical copies prevent a validation image</source>
        <translation>Klasse „%1“: identische Kopien verhindern ein Validierungsbild</translation>
    </message>
</context>
<context>
    <name>bb::ThumbnailDelegate</name>
    <message>
        <source>excluded</source>
        <translation>ausgeschlossen</translation>
    </message>
</context>
<context>
    <name>bb::Trainer</name>
    <message>
        <source>Training the classification head (encoder frozen, best epoch %1)</source>
        <translation>Klassifikator wird trainiert (Encoder eingefroren, beste Epoche %1)</translation>
    </message>
    <message>
        <source>Scanning %1</source>
        <translation>%1 wird eingelesen</translation>
    </message>
    <message>
        <source>training needs at least two classes with images</source>
        <translation>das Training braucht mindestens zwei Klassen mit Bildern</translation>
    </message>
    <message>
        <source>Preparing %1 balanced training and validation images</source>
        <translation>%1 ausgeglichene Trainings- und Validierungsbilder werden vorbereitet</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>skipped: %1</source>
        <translation>übersprungen: %1</translation>
    </message>
    <message>
        <source>the split left no training or no validation images</source>
        <translation>nach der Aufteilung bleiben keine Trainings- oder keine Validierungsbilder</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>%1 has no checkpoint to resume from</source>
        <translation>%1 hat keinen Checkpoint zum Fortsetzen</translation>
    </message>
    <message>
        <source>%1 already holds a run; use --resume or another --out</source>
        <translation>%1 enthält schon einen Lauf; verwenden Sie --resume oder ein anderes --out</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Resuming after epoch %1</source>
        <translation>Fortsetzung nach Epoche %1</translation>
    </message>
    <message>
        <source>SupCon training: %1 training images, %2 validation, %3 classes</source>
        <translation>SupCon-Training: %1 Trainingsbilder, %2 Validierungsbilder, %3 Klassen</translation>
    </message>
    <message>
        <source>cancelled while training the head; the encoder checkpoint is in %1</source>
        <translation>beim Training des Klassifikators abgebrochen; der Checkpoint des Encoders liegt in %1</translation>
    </message>
    <message>
        <source>training failed: %1</source>
        <translation>Training fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>the project store %1 has no record of this run; its metrics go to metrics.csv only (pass the project the run was trained in)</source>
        <translation>der Projektspeicher %1 kennt diesen Lauf nicht; seine Messwerte gehen nur in metrics.csv (geben Sie das Projekt an, in dem der Lauf trainiert wurde)</translation>
    </message>
    <message>
        <source>%1 is missing: the encoder of the run&apos;s best epoch (%2) is gone, so no head can be trained on it</source>
        <translation>%1 fehlt: der Encoder der besten Epoche (%2) des Laufs ist nicht mehr da, daher kann kein Klassifikator darauf trainiert werden</translation>
    </message>
    <message>
        <source>cannot write %1 (%2); the epochs are recorded in the project store only</source>
        <translation>%1 kann nicht geschrieben werden (%2); die Epochen stehen nur im Projektspeicher</translation>
    </message>
    <message>
        <source>cannot write to %1</source>
        <translation>In %1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>%1 is in use by another training (process %2); wait for it or stop it first</source>
        <translation>%1 wird von einem anderen Training verwendet (Prozess %2); warten Sie, bis es endet, oder halten Sie es zuerst an</translation>
    </message>
    <message>
        <source>%1: its config.json holds no settings (no &quot;config&quot; object); it cannot be resumed</source>
        <translation>%1: Seine config.json enthält keine Einstellungen (kein &quot;config&quot;-Objekt); der Lauf kann nicht fortgesetzt werden</translation>
    </message>
    <message>
        <source>%1: its config.json names no dataset; pass it: train DATASET --resume %1</source>
        <translation>%1: Seine config.json nennt keinen Datensatz; geben Sie ihn an: train DATENSATZ --resume %1</translation>
    </message>
    <message>
        <source>the dataset of %1, %2, is gone; if it moved, pass its new place: train DATASET --resume %1</source>
        <translation>Der Datensatz von %1, %2, ist nicht mehr da; wurde er verschoben, geben Sie den neuen Ort an: train DATENSATZ --resume %1</translation>
    </message>
    <message>
        <source>dataset folder does not exist: %1</source>
        <translation>Datensatz-Ordner existiert nicht: %1</translation>
    </message>
    <message>
        <source>cannot lock %1: %2 is in the way; remove it</source>
        <translation>%1 kann nicht gesperrt werden: %2 ist im Weg; entfernen Sie es</translation>
    </message>
    <message>
        <source>No epoch was saved before the run stopped; it starts again from the first</source>
        <translation>Vor dem Anhalten wurde keine Epoche gespeichert; der Lauf beginnt wieder mit der ersten</translation>
    </message>
    <message>
        <source>%1 is not a training run: it has no config.json</source>
        <translation>%1 ist kein Trainingslauf: er hat keine config.json</translation>
    </message>
    <message>
        <source>%1 is not a training run: cannot read its config.json (%2)</source>
        <translation>%1 ist kein Trainingslauf: seine config.json ist nicht lesbar (%2)</translation>
    </message>
    <message>
        <source>%1: its config.json is not a run&apos;s record (a JSON object with the run&apos;s settings)</source>
        <translation>%1: seine config.json ist kein Laufprotokoll (ein JSON-Objekt mit den Einstellungen des Laufs)</translation>
    </message>
    <message>
        <source>%1 does not fit the settings in %2: %3. Were they changed after the run started? A run resumes with the sizes it was trained with.</source>
        <translation>%1 passt nicht zu den Einstellungen in %2: %3. Wurden sie nach dem Start des Laufs geändert? Ein Lauf wird mit den Größen fortgesetzt, mit denen er trainiert wurde.</translation>
    </message>
    <message>
        <source>%1 is missing; the run cannot go on without it</source>
        <translation>%1 fehlt; ohne sie kann der Lauf nicht weitergehen</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 ist nicht lesbar: %2</translation>
    </message>
    <message>
        <source>%1 cannot be read (cut or garbled?); the run&apos;s checkpoints are left as they are</source>
        <translation>%1 ist nicht lesbar (abgeschnitten oder verstümmelt?); die Checkpoints des Laufs bleiben unverändert</translation>
    </message>
    <message>
        <source>%1 does not fit the settings in %2: %3. Were they changed after the run started?</source>
        <translation>%1 passt nicht zu den Einstellungen in %2: %3. Wurden sie nach dem Start des Laufs geändert?</translation>
    </message>
    <message>
        <source>%1: its config.json says %2 = %3, but its checkpoints were trained with %4; a run resumes with the settings it started with</source>
        <translation>%1: seine config.json sagt %2 = %3, seine Checkpoints wurden aber mit %4 trainiert; ein Lauf wird mit den Einstellungen fortgesetzt, mit denen er begann</translation>
    </message>
    <message>
        <source>%1: its config.json is not valid JSON (%2)</source>
        <translation>%1: seine config.json ist kein gültiges JSON (%2)</translation>
    </message>
    <message>
        <source>%1: its config.json is not a run&apos;s record (a JSON object with the run&apos;s settings), it holds %2</source>
        <translation>%1: seine config.json ist kein Laufprotokoll (ein JSON-Objekt mit den Einstellungen des Laufs), sie enthält %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>cannot serialise %1: %2</source>
        <translation>%1 kann nicht serialisiert werden: %2</translation>
    </message>
    <message>
        <source>cannot replace %1: %2</source>
        <translation>%1 kann nicht ersetzt werden: %2</translation>
    </message>
    <message>
        <source>%1 was trained on the classes %2, but %3 now has %4; a run resumes only on its own dataset (start a new run for this one)</source>
        <translation>%1 wurde auf den Klassen %2 trainiert, aber %3 hat jetzt %4; ein Lauf wird nur auf seinem eigenen Datensatz fortgesetzt (starten Sie für diesen einen neuen Lauf)</translation>
    </message>
    <message>
        <source>%1 has changed since %2 started (images added, removed or relabelled): its split and validation images would not be the run&apos;s. Put the dataset back as it was, or start a new run</source>
        <translation>%1 hat sich seit dem Start von %2 geändert (Bilder hinzugefügt, entfernt oder anderen Klassen zugewiesen): Aufteilung und Validierungsbilder wären nicht die des Laufs. Stellen Sie den Datensatz wieder her oder starten Sie einen neuen Lauf</translation>
    </message>
    <message>
        <source>%1. The first epoch is not saved; once there is room, train --resume %2 starts the run again</source>
        <translation>%1. Die erste Epoche ist nicht gespeichert; sobald wieder Platz ist, startet train --resume %2 den Lauf neu</translation>
    </message>
    <message>
        <source>%1. Epoch %2 is not saved; the checkpoint of epoch %3 is intact, and once there is room the run goes on from there with: train --resume %4</source>
        <translation>%1. Epoche %2 ist nicht gespeichert; der Checkpoint von Epoche %3 ist intakt, und sobald wieder Platz ist, geht der Lauf dort weiter mit: train --resume %4</translation>
    </message>
    <message>
        <source>The validation split has no two images of one class, so its SupCon loss is not defined (0 in every epoch); the encoder of the last epoch is kept instead of the one with the lowest validation loss. A larger dataset or val_fraction gives a real choice.</source>
        <translation>Die Validierungsaufteilung hat keine zwei Bilder einer Klasse, daher ist ihr SupCon-Verlust nicht definiert (in jeder Epoche 0); behalten wird der Encoder der letzten Epoche statt dessen mit dem niedrigsten Validierungsverlust. Ein größerer Datensatz oder ein größerer val_fraction lässt eine echte Wahl.</translation>
    </message>
    <message>
        <source>cannot start backbone &apos;%1&apos; from these weights: %2</source>
        <translation>Backbone „%1“ kann nicht mit diesen Gewichten beginnen: %2</translation>
    </message>
    <message>
        <source>backbone weights %1 hold nothing for backbone &apos;%2&apos;:
%3</source>
        <translation>Die Backbone-Gewichte %1 enthalten nichts für Backbone „%2“:
%3</translation>
    </message>
</context>
<context>
    <name>bb::TrainingConfig</name>
    <message>
        <source>setting &apos;%1&apos;: cannot use &apos;%2&apos;</source>
        <translation>Einstellung „%1“: „%2“ ist nicht verwendbar</translation>
    </message>
    <message>
        <source>unknown profile &apos;%1&apos; (quick, seed)</source>
        <translation>unbekanntes Profil „%1“ (quick, seed)</translation>
    </message>
    <message>
        <source>setting &apos;%1&apos;: unsupported JSON value</source>
        <translation>Einstellung „%1“: nicht unterstützter JSON-Wert</translation>
    </message>
    <message>
        <source>unknown setting &apos;%1&apos;</source>
        <translation>unbekannte Einstellung „%1“</translation>
    </message>
    <message>
        <source>override &apos;%1&apos; is not key=value</source>
        <translation>Überschreibung „%1“ hat nicht die Form Schlüssel=Wert</translation>
    </message>
    <message>
        <source>unknown setting &apos;%1&apos; (known: %2)</source>
        <translation>unbekannte Einstellung „%1“ (bekannt: %2)</translation>
    </message>
    <message>
        <source>setting &apos;%1&apos;: %2</source>
        <translation>Einstellung „%1“: %2</translation>
    </message>
    <message>
        <source>unknown backbone &apos;%1&apos; (%2)</source>
        <translation>unbekanntes Backbone „%1“ (%2)</translation>
    </message>
    <message>
        <source>must be in [8, 1024]</source>
        <translation>muss in [8, 1024] liegen</translation>
    </message>
    <message>
        <source>must be in [8, 4096]</source>
        <translation>muss in [8, 4096] liegen</translation>
    </message>
    <message>
        <source>must be &gt;= 1</source>
        <translation>muss &gt;= 1 sein</translation>
    </message>
    <message>
        <source>must be in (0, 0.9)</source>
        <translation>muss in (0, 0.9) liegen</translation>
    </message>
    <message>
        <source>must be &gt;= 0</source>
        <translation>muss &gt;= 0 sein</translation>
    </message>
    <message>
        <source>must be &gt;= 2</source>
        <translation>muss &gt;= 2 sein</translation>
    </message>
    <message>
        <source>must be in [1, 16]</source>
        <translation>muss in [1, 16] liegen</translation>
    </message>
    <message>
        <source>must be original, balanced or none</source>
        <translation>muss original, balanced oder none sein</translation>
    </message>
    <message>
        <source>T_0 and T_mult must be integers &gt;= 1</source>
        <translation>T_0 und T_mult müssen ganze Zahlen &gt;= 1 sein</translation>
    </message>
    <message>
        <source>must be in (0, 1]</source>
        <translation>muss in (0, 1] liegen</translation>
    </message>
    <message>
        <source>must be in [0, 1]</source>
        <translation>muss in [0, 1] liegen</translation>
    </message>
    <message>
        <source>must be in [0, 1)</source>
        <translation>muss in [0, 1) liegen</translation>
    </message>
    <message>
        <source>must be uniform or inverse</source>
        <translation>muss uniform oder inverse sein</translation>
    </message>
    <message>
        <source>must be in [1, 4]</source>
        <translation>muss in [1, 4] liegen</translation>
    </message>
    <message>
        <source>must be in [0, 10]</source>
        <translation>muss in [0, 10] liegen</translation>
    </message>
    <message>
        <source>setting &apos;%1&apos; shapes the SupCon stage and cannot change when resuming; start a new run (resumable: %2)</source>
        <translation>Einstellung &apos;%1&apos; prägt die SupCon-Phase und kann beim Fortsetzen nicht geändert werden; starten Sie einen neuen Lauf (änderbar: %2)</translation>
    </message>
    <message>
        <source>must be &gt;= 0 (0: no hidden layer)</source>
        <translation>muss &gt;= 0 sein (0: keine verborgene Schicht)</translation>
    </message>
    <message>
        <source>setting &apos;%1&apos;: cannot use &apos;%2&apos; (not a finite number)</source>
        <translation>Einstellung „%1“: „%2“ ist nicht verwendbar (keine endliche Zahl)</translation>
    </message>
    <message>
        <source>the saved settings lack &apos;%1&apos;</source>
        <translation>In den gespeicherten Einstellungen fehlt „%1“</translation>
    </message>
    <message>
        <source>must be a finite number</source>
        <translation>muss eine endliche Zahl sein</translation>
    </message>
    <message>
        <source>must be in [0.001, 100]</source>
        <translation>muss in [0,001, 100] liegen</translation>
    </message>
    <message>
        <source>must be in (0, 10]</source>
        <translation>muss in (0, 10] liegen</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 ist nicht lesbar: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>must be 0 (all cores) to 1024</source>
        <translation>muss 0 (alle Kerne) bis 1024 sein</translation>
    </message>
    <message>
        <source>must be 1 to 256</source>
        <translation>muss 1 bis 256 sein</translation>
    </message>
    <message>
        <source>%1 is not valid JSON (%2)</source>
        <translation>%1 ist kein gültiges JSON (%2)</translation>
    </message>
    <message>
        <source>%1: the settings must be one JSON object, {&quot;key&quot;: value, …}, not %2</source>
        <translation>%1: die Einstellungen müssen ein JSON-Objekt sein, {&quot;Schlüssel&quot;: Wert, …}, nicht %2</translation>
    </message>
    <message>
        <source>&apos;profile&apos; names a whole set of settings and cannot be overridden; choose it with --profile (or &quot;profile&quot; in a --config file)</source>
        <translation>&apos;profile&apos; benennt einen ganzen Satz von Einstellungen und kann nicht einzeln überschrieben werden; wählen Sie es mit --profile (oder &quot;profile&quot; in einer --config-Datei)</translation>
    </message>
    <message>
        <source>must be avg or avgmax</source>
        <translation>muss avg oder avgmax sein</translation>
    </message>
    <message>
        <source>must be in [1, 8]</source>
        <translation>muss in [1, 8] liegen</translation>
    </message>
    <message>
        <source>must be in [1, %1] (the %2 backbone has %1 stages)</source>
        <translation>muss in [1, %1] liegen (das Backbone %2 hat %1 Stufen)</translation>
    </message>
</context>
<context>
    <name>bb::TrainingView</name>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Quick (compact CNN, small input)</source>
        <translation>Schnell (kompaktes CNN, kleine Eingabe)</translation>
    </message>
    <message>
        <source>Seed (EfficientNet-B0 at 224 px)</source>
        <translation>Seed (EfficientNet-B0 mit 224 px)</translation>
    </message>
    <message>
        <source>Profiles fill every setting; edit any of them afterwards.</source>
        <translation>Profile füllen alle Einstellungen; jede lässt sich danach ändern.</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>Profil:</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <source>Load a config file (the JSON that “balancebench-cli train --config” reads)</source>
        <translation>Eine Konfigurationsdatei laden (das JSON, das „balancebench-cli train --config“ liest)</translation>
    </message>
    <message>
        <source>Load Training Config</source>
        <translation>Trainingskonfiguration laden</translation>
    </message>
    <message>
        <source>Config files (*.json);;All files (*)</source>
        <translation>Konfigurationsdateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>Save the settings as a config file for the GUI and “balancebench-cli train --config”</source>
        <translation>Die Einstellungen als Konfigurationsdatei für die Oberfläche und „balancebench-cli train --config“ speichern</translation>
    </message>
    <message>
        <source>Save Training Config</source>
        <translation>Trainingskonfiguration speichern</translation>
    </message>
    <message>
        <source>Config files (*.json)</source>
        <translation>Konfigurationsdateien (*.json)</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Balance target:</source>
        <translation>Ausgleichsziel:</translation>
    </message>
    <message>
        <source>Images per class after balancing the training split</source>
        <translation>Bilder pro Klasse nach dem Ausgleich der Trainingsmenge</translation>
    </message>
    <message>
        <source>Balanced image size:</source>
        <translation>Ausgeglichene Bildgröße:</translation>
    </message>
    <message>
        <source>Training images are resized to this square (px)</source>
        <translation>Trainingsbilder werden auf dieses Quadrat skaliert (px)</translation>
    </message>
    <message>
        <source>Validation fraction:</source>
        <translation>Validierungsanteil:</translation>
    </message>
    <message>
        <source>Network input size:</source>
        <translation>Netz-Eingabegröße:</translation>
    </message>
    <message>
        <source>The encoder sees input_size × input_size pixels</source>
        <translation>Der Encoder sieht input_size × input_size Pixel</translation>
    </message>
    <message>
        <source>Encoder</source>
        <translation>Encoder</translation>
    </message>
    <message>
        <source>Backbone:</source>
        <translation>Backbone:</translation>
    </message>
    <message>
        <source>none (random initialisation)</source>
        <translation>keine (zufällige Initialisierung)</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Pretrained Backbone Weights</source>
        <translation>Vortrainierte Backbone-Gewichte</translation>
    </message>
    <message>
        <source>Weights (*.pt *.pth);;All files (*)</source>
        <translation>Gewichte (*.pt *.pth);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Optional pretrained weights (state dict or TorchScript)</source>
        <translation>Optionale vortrainierte Gewichte (State-Dict oder TorchScript)</translation>
    </message>
    <message>
        <source>Pretrained weights:</source>
        <translation>Vortrainierte Gewichte:</translation>
    </message>
    <message>
        <source>Attention gate</source>
        <translation>Attention-Gate</translation>
    </message>
    <message>
        <source>a = σ(W2 ReLU(W1 f)), f ← f ⊙ a</source>
        <translation>a = σ(W2 ReLU(W1 f)), f ← f ⊙ a</translation>
    </message>
    <message>
        <source>Projection hidden size:</source>
        <translation>Projektion (versteckt):</translation>
    </message>
    <message>
        <source>Projection size:</source>
        <translation>Projektionsgröße:</translation>
    </message>
    <message>
        <source>Supervised contrastive training</source>
        <translation>Überwachtes kontrastives Training</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>Epochen:</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Batchgröße:</translation>
    </message>
    <message>
        <source>Images per batch; each contributes all its views</source>
        <translation>Bilder pro Batch; jedes trägt alle seine Ansichten bei</translation>
    </message>
    <message>
        <source>Views per image:</source>
        <translation>Ansichten pro Bild:</translation>
    </message>
    <message>
        <source>Temperature:</source>
        <translation>Temperatur:</translation>
    </message>
    <message>
        <source>Margin:</source>
        <translation>Marge:</translation>
    </message>
    <message>
        <source>Margin added to hard negatives</source>
        <translation>Marge, die harten Negativen hinzugefügt wird</translation>
    </message>
    <message>
        <source>Hard negatives (top-k):</source>
        <translation>Harte Negative (Top-k):</translation>
    </message>
    <message>
        <source>Hardest negatives per anchor; 0 = all</source>
        <translation>Härteste Negative pro Anker; 0 = alle</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Class weighting:</source>
        <translation>Klassengewichtung:</translation>
    </message>
    <message>
        <source>original counts (max N / N_c)</source>
        <translation>ursprüngliche Anzahlen (max N / N_c)</translation>
    </message>
    <message>
        <source>balanced counts</source>
        <translation>ausgeglichene Anzahlen</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>AdamW learning rate:</source>
        <translation>AdamW-Lernrate:</translation>
    </message>
    <message>
        <source>AdamW weight decay:</source>
        <translation>AdamW-Weight-Decay:</translation>
    </message>
    <message>
        <source>Warm restart T₀ (epochs):</source>
        <translation>Warm-Restart T₀ (Epochen):</translation>
    </message>
    <message>
        <source>Warm restart T_mult:</source>
        <translation>Warm-Restart T_mult:</translation>
    </message>
    <message>
        <source>Minimum learning rate (η_min):</source>
        <translation>Minimale Lernrate (η_min):</translation>
    </message>
    <message>
        <source>Crop scale minimum:</source>
        <translation>Min. Ausschnittanteil:</translation>
    </message>
    <message>
        <source>Colour jitter:</source>
        <translation>Farbvariation:</translation>
    </message>
    <message>
        <source>Blur probability:</source>
        <translation>Wahrsch. Unschärfe:</translation>
    </message>
    <message>
        <source>Greyscale probability:</source>
        <translation>Wahrsch. Graustufen:</translation>
    </message>
    <message>
        <source>t-SNE every N epochs:</source>
        <translation>t-SNE alle N Epochen:</translation>
    </message>
    <message>
        <source>Validation embeddings (and the live t-SNE) every N epochs; 0 = never</source>
        <translation>Validierungs-Einbettungen (und das Live-t-SNE) alle N Epochen; 0 = nie</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Classification head</source>
        <translation>Klassifikator</translation>
    </message>
    <message>
        <source>Hidden size:</source>
        <translation>Versteckte Größe:</translation>
    </message>
    <message>
        <source>Dropout:</source>
        <translation>Dropout:</translation>
    </message>
    <message>
        <source>Early-stopping patience:</source>
        <translation>Early-Stopping-Geduld:</translation>
    </message>
    <message>
        <source>Epochs without a better validation macro-F1</source>
        <translation>Epochen ohne besseren Validierungs-Makro-F1</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>Lernrate:</translation>
    </message>
    <message>
        <source>Focal γ:</source>
        <translation>Focal γ:</translation>
    </message>
    <message>
        <source>Focal α:</source>
        <translation>Focal α:</translation>
    </message>
    <message>
        <source>uniform</source>
        <translation>einheitlich</translation>
    </message>
    <message>
        <source>inverse class frequency</source>
        <translation>inverse Klassenhäufigkeit</translation>
    </message>
    <message>
        <source>Also train on augmented views</source>
        <translation>Auch mit Augmentierung trainieren</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Every random step is derived from this seed</source>
        <translation>Jeder Zufallsschritt wird aus diesem Seed abgeleitet</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <source>Torch threads:</source>
        <translation>Torch-Threads:</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>alle Kerne</translation>
    </message>
    <message>
        <source>Loader threads:</source>
        <translation>Lade-Threads:</translation>
    </message>
    <message>
        <source>Stop after steps:</source>
        <translation>Anhalten nach Schritten:</translation>
    </message>
    <message>
        <source>0 = no limit (for benchmarks)</source>
        <translation>0 = keine Grenze (für Benchmarks)</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <source>next to the project file</source>
        <translation>neben der Projektdatei</translation>
    </message>
    <message>
        <source>Folder for Training Runs</source>
        <translation>Ordner für Trainingsläufe</translation>
    </message>
    <message>
        <source>Runs folder:</source>
        <translation>Ordner der Läufe:</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>&amp;Start Training</source>
        <translation>Training &amp;starten</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <source>Stops within one batch; the last finished epoch stays as a checkpoint to resume from</source>
        <translation>Hält innerhalb eines Batches an; die letzte fertige Epoche bleibt als Checkpoint zum Fortsetzen</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>train (step)</source>
        <translation>Training (Schritt)</translation>
    </message>
    <message>
        <source>train (epoch)</source>
        <translation>Training (Epoche)</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>AdamW, cosine warm restarts</source>
        <translation>AdamW, Kosinus mit Warm-Restarts</translation>
    </message>
    <message>
        <source>Head epoch</source>
        <translation>Epoche (Klassifikator)</translation>
    </message>
    <message>
        <source>Focal loss</source>
        <translation>Focal Loss</translation>
    </message>
    <message>
        <source>train loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>val. loss</source>
        <translation>Val.-Verlust</translation>
    </message>
    <message>
        <source>val. macro-F1</source>
        <translation>Val.-Makro-F1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Validation embeddings (t-SNE)&lt;/b&gt;</source>
        <translation>&lt;b&gt;t-SNE der Validierung&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Anpassen</translation>
    </message>
    <message>
        <source>Fit the view to all points again</source>
        <translation>Die Ansicht wieder an alle Punkte anpassen</translation>
    </message>
    <message>
        <source>The t-SNE of the validation embeddings appears after the first epoch.
Drag to lasso points (Ctrl adds), click a point to open its image, wheel to zoom.</source>
        <translation>Das t-SNE der Validierungs-Einbettungen erscheint nach der ersten Epoche.
Ziehen wählt Punkte per Lasso (Strg fügt hinzu), Klick auf einen Punkt öffnet sein Bild, das Mausrad zoomt.</translation>
    </message>
    <message>
        <source>class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Relabel the selected images in the project (undo with Ctrl+Z)</source>
        <translation>Den ausgewählten Bildern im Projekt diese Klasse zuweisen (rückgängig mit Strg+Z)</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>Val. macro-F1</source>
        <translation>Val.-Makro-F1</translation>
    </message>
    <message>
        <source>Backbone</source>
        <translation>Backbone</translation>
    </message>
    <message>
        <source>Tick runs to compare them on one plot</source>
        <translation>Läufe abhaken, um sie in einem Diagramm zu vergleichen</translation>
    </message>
    <message>
        <source>Select a run to see its configuration and metrics.</source>
        <translation>Wählen Sie einen Lauf, um seine Konfiguration und Metriken zu sehen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Compare ticked runs:&lt;/b&gt;</source>
        <translation>&lt;b&gt;Läufe vergleichen:&lt;/b&gt;</translation>
    </message>
    <message>
        <source>SupCon validation loss</source>
        <translation>SupCon-Validierungsverlust</translation>
    </message>
    <message>
        <source>SupCon training loss</source>
        <translation>SupCon-Trainingsverlust</translation>
    </message>
    <message>
        <source>Images per second</source>
        <translation>Bilder pro Sekunde</translation>
    </message>
    <message>
        <source>Head validation macro-F1</source>
        <translation>Validierungs-Makro-F1 des Klassifikators</translation>
    </message>
    <message>
        <source>Head training loss</source>
        <translation>Trainingsverlust des Klassifikators</translation>
    </message>
    <message>
        <source>Head validation loss</source>
        <translation>Validierungsverlust des Klassifikators</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Open a dataset before training.</source>
        <translation>Öffnen Sie vor dem Training einen Datensatz.</translation>
    </message>
    <message>
        <source>The dataset is still being scanned; start the training when the scan has finished.</source>
        <translation>Der Datensatz wird noch eingelesen; starten Sie das Training, wenn das Einlesen beendet ist.</translation>
    </message>
    <message>
        <source>Invalid setting: %1</source>
        <translation>Ungültige Einstellung: %1</translation>
    </message>
    <message>
        <source>Cannot create the runs folder %1</source>
        <translation>Der Ordner der Läufe %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Preparing data…</source>
        <translation>Daten werden vorbereitet…</translation>
    </message>
    <message>
        <source>Resuming %1</source>
        <translation>%1 wird fortgesetzt</translation>
    </message>
    <message>
        <source>Starting %1</source>
        <translation>%1 wird gestartet</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Epoch %1/%2: train loss %3, validation loss %4, %5 images/s, %6</source>
        <translation>Epoche %1/%2: Trainingsverlust %3, Validierungsverlust %4, %5 Bilder/s, %6</translation>
    </message>
    <message>
        <source>Paused · </source>
        <translation>Pausiert · </translation>
    </message>
    <message>
        <source>Stopping · </source>
        <translation>Wird angehalten · </translation>
    </message>
    <message>
        <source>Head epoch %1/%2 · ETA %3</source>
        <translation>Klassifikator: Epoche %1/%2 · Rest %3</translation>
    </message>
    <message>
        <source>Epoch %1/%2 · step %3/%4 · %5 images/s · ETA %6</source>
        <translation>Epoche %1/%2 · Schritt %3/%4 · %5 Bilder/s · Rest %6</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>Wird vorbereitet…</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>Training fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n epoch(s); resume continues from the checkpoint in %1.</source>
        <translation>
            <numerusform>Nach %n Epoche angehalten; Fortsetzen beginnt beim Checkpoint in %1.</numerusform>
            <numerusform>Nach %n Epochen angehalten; Fortsetzen beginnt beim Checkpoint in %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped before the first epoch finished; there is no checkpoint to resume from yet.</source>
        <translation>Vor dem Ende der ersten Epoche angehalten; es gibt noch keinen Checkpoint zum Fortsetzen.</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Finished in %1: validation macro-F1 %2, accuracy %3. Model: %4</source>
        <translation>Fertig nach %1: Validierungs-Makro-F1 %2, Genauigkeit %3. Modell: %4</translation>
    </message>
    <message>
        <source>Finished · macro-F1 %1</source>
        <translation>Fertig · Makro-F1 %1</translation>
    </message>
    <message>
        <source>epoch %1 · computing…</source>
        <translation>Epoche %1 · wird berechnet…</translation>
    </message>
    <message>
        <source>t-SNE failed: %1</source>
        <translation>t-SNE fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>epoch %1 · %2 points · KL %3 · %4 s%5</source>
        <translation>Epoche %1 · %2 Punkte · KL %3 · %4 s%5</translation>
    </message>
    <message>
        <source> · warm start</source>
        <translation> · Warmstart</translation>
    </message>
    <message>
        <source>The selected points are not images of the open project.</source>
        <translation>Die ausgewählten Punkte sind keine Bilder des geöffneten Projekts.</translation>
    </message>
    <message>
        <source>Relabelled as “%1” (after this run)</source>
        <translation>Der Klasse „%1“ zugewiesen (nach diesem Lauf)</translation>
    </message>
    <message numerus="yes">
        <source>Relabelled %n image(s) as “%1”</source>
        <translation>
            <numerusform>%n Bild der Klasse „%1“ zugewiesen</numerusform>
            <numerusform>%n Bilder der Klasse „%1“ zugewiesen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n point(s) selected</source>
        <translation>
            <numerusform>%n Punkt ausgewählt</numerusform>
            <numerusform>%n Punkte ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>Lasso points to relabel them</source>
        <translation>Punkte per Lasso wählen</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>Folder: %1
Status: %2

Configuration:
%3
Metrics:
%4</source>
        <translation>Ordner: %1
Status: %2

Konfiguration:
%3
Metriken:
%4</translation>
    </message>
    <message>
        <source>Crop aspect ratio up to:</source>
        <translation>Max. Seitenverhältnis:</translation>
    </message>
    <message>
        <source>Crops keep an aspect ratio between 1/r and r</source>
        <translation>Ausschnitte haben ein Seitenverhältnis zwischen 1/r und r</translation>
    </message>
    <message>
        <source>Auxiliary cross-entropy weight:</source>
        <translation>Hilfs-CE-Gewicht:</translation>
    </message>
    <message>
        <source>loss = SupCon + w · cross-entropy of a linear classifier on the gated features (dropped after this stage); 0 = pure SupCon</source>
        <translation>Verlust = SupCon + w · Kreuzentropie eines linearen Klassifikators auf den gewichteten Merkmalen (nach dieser Phase verworfen); 0 = reines SupCon</translation>
    </message>
    <message>
        <source>Random erasing probability:</source>
        <translation>Zufälliges Löschen:</translation>
    </message>
    <message>
        <source>Fills a random rectangle (2-33 % of the view) with noise</source>
        <translation>Füllt ein zufälliges Rechteck (2–33 % der Ansicht) mit Rauschen</translation>
    </message>
    <message>
        <source>validation (SupCon)</source>
        <translation>Validierung (SupCon)</translation>
    </message>
    <message>
        <source>none (linear)</source>
        <translation>keine (linear)</translation>
    </message>
    <message>
        <source>0 trains the head alone on the initial (e.g. imported) encoder</source>
        <translation>0 trainiert nur den Klassifikator auf dem Anfangs-Encoder (z. B. importierten Gewichten)</translation>
    </message>
    <message>
        <source>none (head only)</source>
        <translation>keine (nur Klassifikator)</translation>
    </message>
    <message>
        <source>Train New &amp;Head</source>
        <translation>Neuer &amp;Klassifikator</translation>
    </message>
    <message>
        <source>Puts the selected run&apos;s settings into the form: to repeat the run, or to change its head settings for Train New Head</source>
        <translation>Übernimmt die Einstellungen des gewählten Laufs ins Formular: um den Lauf zu wiederholen oder seine Klassifikator-Einstellungen für „Neuer Klassifikator“ zu ändern</translation>
    </message>
    <message>
        <source>The form is locked while a run is in progress.</source>
        <translation>Das Formular ist gesperrt, solange ein Lauf läuft.</translation>
    </message>
    <message>
        <source>Settings of %1 in the form</source>
        <translation>Einstellungen von %1 im Formular</translation>
    </message>
    <message>
        <source>%1 has not finished; resume it first, then train a new head on it</source>
        <translation>%1 ist nicht fertig; setzen Sie ihn zuerst fort und trainieren Sie dann einen neuen Klassifikator</translation>
    </message>
    <message>
        <source>New head with the run&apos;s own head settings</source>
        <translation>Neuer Klassifikator mit den eigenen Einstellungen des Laufs</translation>
    </message>
    <message>
        <source>New head: %1</source>
        <translation>Neuer Klassifikator: %1</translation>
    </message>
    <message>
        <source>Use Its Settings</source>
        <translation>Einstellungen übernehmen</translation>
    </message>
    <message>
        <source>Trains a new classification head on the selected finished run&apos;s encoder with the form&apos;s head settings (hidden size, dropout, epochs, patience, batch size, learning rate, focal loss, head augmentation, test-time flip); the encoder is not trained again</source>
        <translation>Trainiert einen neuen Klassifikator auf dem Encoder des gewählten fertigen Laufs, mit den Klassifikator-Einstellungen des Formulars (verborgene Größe, Dropout, Epochen, Geduld, Batchgröße, Lernrate, Focal Loss, Augmentierung, Spiegelung beim Test); der Encoder wird nicht erneut trainiert</translation>
    </message>
    <message>
        <source>Mirror averaging at test time</source>
        <translation>Beim Test mit Spiegelbild mitteln</translation>
    </message>
    <message>
        <source>Classify each image and its mirror image and average the two predictions</source>
        <translation>Jedes Bild und sein Spiegelbild klassifizieren und die beiden Vorhersagen mitteln</translation>
    </message>
    <message>
        <source>&amp;Resume Run</source>
        <translation>Lauf fo&amp;rtsetzen</translation>
    </message>
    <message>
        <source>Resumes the stopped run selected under Runs, or else the last one stopped, from its last finished epoch</source>
        <translation>Setzt den unter „Läufe“ gewählten angehaltenen Lauf fort, sonst den zuletzt angehaltenen, ab seiner letzten fertigen Epoche</translation>
    </message>
    <message>
        <source>Relabel as</source>
        <translation>Zuordnen zu</translation>
    </message>
    <message>
        <source>Macro-F1</source>
        <translation>Makro-F1</translation>
    </message>
    <message>
        <source>Global pooling:</source>
        <translation>Globales Pooling:</translation>
    </message>
    <message>
        <source>average</source>
        <translation>Mittelwert</translation>
    </message>
    <message>
        <source>average + maximum</source>
        <translation>Mittelwert + Maximum</translation>
    </message>
    <message>
        <source>Average + maximum keeps small parts present anywhere in the image; twice the feature width</source>
        <translation>Mittelwert + Maximum bewahrt kleine Teile, wo im Bild sie auch liegen; doppelte Merkmalsbreite</translation>
    </message>
    <message>
        <source>Ensemble members:</source>
        <translation>Ensemble-Mitglieder:</translation>
    </message>
    <message>
        <source>Encoders (each with its head) trained side by side, one thread each; the prediction averages their probabilities</source>
        <translation>Encoder (jeder mit eigenem Kopf), nebeneinander trainiert, je ein Thread; die Vorhersage mittelt ihre Wahrscheinlichkeiten</translation>
    </message>
    <message>
        <source>Pooled stages:</source>
        <translation>Gepoolte Stufen:</translation>
    </message>
    <message>
        <source>Pool the maps of this many last backbone stages, side by side (an earlier stage&apos;s map is finer)</source>
        <translation>Die Karten so vieler letzter Backbone-Stufen poolen, nebeneinander (die Karte einer früheren Stufe ist feiner)</translation>
    </message>
</context>
<context>
    <name>bb::Tsne</name>
    <message>
        <source>t-SNE: the input dimension must be at least 1</source>
        <translation>t-SNE: die Eingabedimension muss mindestens 1 sein</translation>
    </message>
    <message>
        <source>t-SNE: %1 values do not form rows of %2</source>
        <translation>t-SNE: %1 Werte ergeben keine Zeilen zu je %2</translation>
    </message>
    <message>
        <source>t-SNE: too many points</source>
        <translation>t-SNE: zu viele Punkte</translation>
    </message>
    <message>
        <source>t-SNE: non-finite value in row %1</source>
        <translation>t-SNE: nicht endlicher Wert in Zeile %1</translation>
    </message>
    <message>
        <source>t-SNE: need 3 * perplexity &gt;= 1 and at least 2 points</source>
        <translation>t-SNE: nötig sind 3 * Perplexität &gt;= 1 und mindestens 2 Punkte</translation>
    </message>
    <message>
        <source>t-SNE: invalid options (perplexity &gt; 0, iterations &gt;= 0, theta &gt;= 0)</source>
        <translation>t-SNE: ungültige Optionen (Perplexität &gt; 0, Iterationen &gt;= 0, Theta &gt;= 0)</translation>
    </message>
    <message>
        <source>t-SNE: the initial layout must have two coordinates per point</source>
        <translation>t-SNE: die Startanordnung braucht zwei Koordinaten pro Punkt</translation>
    </message>
    <message>
        <source>t-SNE: the initial layout has %1 points, the input only %2</source>
        <translation>t-SNE: die Startanordnung hat %1 Punkte, die Eingabe nur %2</translation>
    </message>
    <message>
        <source>t-SNE cancelled</source>
        <translation>t-SNE abgebrochen</translation>
    </message>
    <message>
        <source>nearest neighbours</source>
        <translation>nächste Nachbarn</translation>
    </message>
    <message>
        <source>KL %1</source>
        <translation>KL %1</translation>
    </message>
    <message>
        <source>t-SNE diverged (non-finite layout)</source>
        <translation>t-SNE divergiert (nicht endliche Anordnung)</translation>
    </message>
</context>
<context>
    <name>bb::evaluate</name>
    <message>
        <source>not a dataset folder: %1</source>
        <translation>kein Datensatz-Ordner: %1</translation>
    </message>
    <message>
        <source>no test images of the model&apos;s classes (%1) in %2</source>
        <translation>keine Testbilder der Klassen des Modells (%1) in %2</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1 und %2 weitere</translation>
    </message>
    <message>
        <source>; its folders are %1</source>
        <translation>; seine Ordner sind %1</translation>
    </message>
</context>
<context>
    <name>bb::exportPlot</name>
    <message>
        <source>Exported by BalanceBench</source>
        <translation>Exportiert von BalanceBench</translation>
    </message>
    <message>
        <source>Unknown image format “%1” (use .png, .svg or .pdf)</source>
        <translation>Unbekanntes Bildformat „%1“ (verwenden Sie .png, .svg oder .pdf)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>bb::json</name>
    <message>
        <source>an array</source>
        <translation>ein Array</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>eine Zeichenkette</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>eine Zahl</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>Datei nicht vorhanden</translation>
    </message>
    <message>
        <source>%1 at byte %2</source>
        <translation>%1 bei Byte %2</translation>
    </message>
    <message>
        <source>a boolean</source>
        <translation>ein Wahrheitswert</translation>
    </message>
    <message>
        <source>a value of another type</source>
        <translation>ein Wert anderer Art</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Workbench for imbalanced image datasets.</source>
        <translation>Werkbank für unausgewogene Bilddatensätze.</translation>
    </message>
    <message>
        <source>A dataset folder or a project file to open.</source>
        <translation>Ein zu öffnender Datensatz-Ordner oder eine Projektdatei.</translation>
    </message>
    <message>
        <source>light or dark.</source>
        <translation>light (hell) oder dark (dunkel).</translation>
    </message>
    <message>
        <source>User-interface language for this run (%1); by default the one chosen in View ▸ Language.</source>
        <translation>Sprache der Oberfläche für diesen Start (%1); sonst die unter Ansicht ▸ Sprache gewählte.</translation>
    </message>
</context>
</TS>
