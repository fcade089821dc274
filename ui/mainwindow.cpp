#include "mainwindow.h"

#include "balanceview.h"
#include "browserview.h"
#include "classchart.h"
#include "classlistmodel.h"
#include "classlistview.h"
#include "classpanel.h"
#include "icons.h"
#include "imagefilterproxy.h"
#include "imagelistmodel.h"
#include "inspectorwidget.h"
#include "labelexport.h"
#include "language.h"
#include "logging.h"
#include "projectsession.h"
#include "projectstore.h"
#include "thumbnailview.h"
#include "workbenchviews.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

namespace bb {
namespace {
constexpr int kMaxRecent = 10;
// Narrower than this on first start (or Reset Layout), the side panels share the left column.
constexpr int kNarrowWindow = 1100;

bool isProjectFile(const QString &path)
{
    const QFileInfo fi(path);
    return fi.isFile() && (fi.suffix() == QLatin1String("sqlite") || fi.suffix() == QLatin1String("bbproj")
                           || fi.suffix() == QLatin1String("db"));
}
} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent), m_session(new ProjectSession(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(appIcon());
    setAcceptDrops(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks | QMainWindow::AllowNestedDocks);
    setUnifiedTitleAndToolBarOnMac(true);

    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("pages"));
    m_pages->setDocumentMode(true);
    setCentralWidget(m_pages);
    m_browser = new BrowserView(m_session, this);
    m_balance = new BalanceView(m_session, this);

    createActions();
    createMenus();
    addPage(m_browser, tr("&Browser"), themedIcon(QStringLiteral("grid")));
    addPage(m_balance, tr("B&alance"), themedIcon(QStringLiteral("balance")));
    createDocks();
    installWorkbenchViews(this); // issue 6: training, evaluation and prediction pages
    createStatusBar();
    connectSession();
    m_defaultState = saveState();
    restoreSettings();
    updateActions();
    updateStatus();
    setWindowTitle(tr("BalanceBench"));
}

MainWindow::~MainWindow() = default;

QAction *MainWindow::makeAction(const QString &objectName, const QString &text, const QKeySequence &shortcut,
                                const QString &icon)
{
    auto *a = new QAction(text, this);
    a->setObjectName(objectName);
    if (!shortcut.isEmpty())
        a->setShortcut(shortcut);
    if (!icon.isEmpty())
        a->setIcon(themedIcon(icon));
    addAction(a);
    return a;
}

QAction *MainWindow::action(const QString &objectName) const
{
    return findChild<QAction *>(objectName);
}

void MainWindow::createActions()
{
    connect(makeAction(QStringLiteral("actionOpenDataset"), tr("&Open Dataset Folder…"), QKeySequence::Open,
                       QStringLiteral("folder-open")),
            &QAction::triggered, this, &MainWindow::openDatasetDialog);
    connect(makeAction(QStringLiteral("actionOpenProject"), tr("Open &Project File…"),
                       QKeySequence(tr("Ctrl+Shift+O")), QStringLiteral("project")),
            &QAction::triggered, this, &MainWindow::openProjectDialog);
    connect(makeAction(QStringLiteral("actionRescan"), tr("&Rescan Dataset"), QKeySequence::Refresh,
                       QStringLiteral("refresh")),
            &QAction::triggered, m_session, &ProjectSession::rescan);
    connect(makeAction(QStringLiteral("actionCancelScan"), tr("&Cancel Scan"), QKeySequence(tr("Shift+Esc")),
                       QStringLiteral("cancel")),
            &QAction::triggered, m_session, &ProjectSession::cancelScan);
    connect(makeAction(QStringLiteral("actionExportFolders"), tr("Export Labels as &Folders…"), {},
                       QStringLiteral("export")),
            &QAction::triggered, this, &MainWindow::exportLabelFolders);
    connect(makeAction(QStringLiteral("actionExportCsv"), tr("Export Labels as CS&V…")), &QAction::triggered, this,
            &MainWindow::exportLabelsCsv);
    connect(makeAction(QStringLiteral("actionClose"), tr("Close Pro&ject"), QKeySequence::Close), &QAction::triggered,
            m_session, &ProjectSession::close);
    QAction *quit = makeAction(QStringLiteral("actionQuit"), tr("&Quit"), QKeySequence::Quit, QStringLiteral("quit"));
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    // The menu names the command to undo. Templates rather than createUndoAction's prefix, so
    // that a translation can place the command's name ("&Rückgängig: %1").
    QUndoStack *stack = m_session->undoStack();
    QAction *undo = stack->createUndoAction(this);
    auto undoText = [undo](const QString &command) {
        undo->setText(command.isEmpty() ? tr("&Undo") : tr("&Undo %1").arg(command));
    };
    undoText(stack->undoText());
    connect(stack, &QUndoStack::undoTextChanged, undo, undoText);
    undo->setObjectName(QStringLiteral("actionUndo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setIcon(themedIcon(QStringLiteral("undo")));
    undo->setIconText(tr("Undo")); // the toolbar keeps a short label; the menu names the action
    addAction(undo);
    QAction *redo = stack->createRedoAction(this);
    auto redoText = [redo](const QString &command) {
        redo->setText(command.isEmpty() ? tr("&Redo") : tr("&Redo %1").arg(command));
    };
    redoText(stack->redoText());
    connect(stack, &QUndoStack::redoTextChanged, redo, redoText);
    redo->setObjectName(QStringLiteral("actionRedo"));
    redo->setShortcuts({QKeySequence::Redo, QKeySequence(tr("Ctrl+Y"))});
    redo->setIcon(themedIcon(QStringLiteral("redo")));
    redo->setIconText(tr("Redo"));
    addAction(redo);
    connect(makeAction(QStringLiteral("actionSelectAll"), tr("Select &All Shown"), QKeySequence::SelectAll),
            &QAction::triggered, this, [this] { m_browser->view()->selectAll(); });
    connect(makeAction(QStringLiteral("actionFind"), tr("&Find…"), QKeySequence::Find, QStringLiteral("search")),
            &QAction::triggered, this, [this] {
                m_pages->setCurrentWidget(m_browser);
                m_browser->searchField()->setFocus();
                m_browser->searchField()->selectAll();
            });

    // Number keys: active while the browser has focus, so typing digits elsewhere still works.
    for (int k = 1; k <= 9; ++k) {
        auto *a = new QAction(this);
        a->setObjectName(QStringLiteral("actionLabelKey%1").arg(k));
        a->setShortcut(QKeySequence(Qt::Key_0 + k));
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_browser->addAction(a);
        connect(a, &QAction::triggered, this, [this, k] { m_browser->labelSelectionWithKey(k); });
        m_labelKeyActions.append(a);
    }
    connect(makeAction(QStringLiteral("actionLabelNew"), tr("Label as &New Class…"), QKeySequence(tr("Ctrl+L")),
                       QStringLiteral("tag")),
            &QAction::triggered, this, &MainWindow::labelAsNewClass);
    connect(makeAction(QStringLiteral("actionExclude"), tr("E&xclude From Training"), QKeySequence(tr("Ctrl+E")),
                       QStringLiteral("exclude")),
            &QAction::triggered, this, [this] { m_session->setExcluded(m_browser->selectedIds(), true); });
    connect(makeAction(QStringLiteral("actionInclude"), tr("&Include Again"), QKeySequence(tr("Ctrl+Shift+E"))),
            &QAction::triggered, this, [this] { m_session->setExcluded(m_browser->selectedIds(), false); });
    connect(makeAction(QStringLiteral("actionNewClass"), tr("New &Class…"), QKeySequence::New,
                       QStringLiteral("class-add")),
            &QAction::triggered, this, &MainWindow::newClass);
    connect(makeAction(QStringLiteral("actionRenameClass"), tr("&Rename Class…"), QKeySequence(tr("F2")),
                       QStringLiteral("rename")),
            &QAction::triggered, this, [this] { renameClass(selectedClass()); });
    connect(makeAction(QStringLiteral("actionMergeClass"), tr("&Merge Class Into…"), QKeySequence(tr("Ctrl+M")),
                       QStringLiteral("merge")),
            &QAction::triggered, this, [this] { mergeClass(selectedClass()); });
    connect(makeAction(QStringLiteral("actionDeleteClass"), tr("&Delete Class…"), QKeySequence(tr("Ctrl+Del")),
                       QStringLiteral("delete")),
            &QAction::triggered, this, [this] { deleteClass(selectedClass()); });

    connect(makeAction(QStringLiteral("actionZoomIn"), tr("&Larger Thumbnails"), QKeySequence::ZoomIn,
                       QStringLiteral("zoom-in")),
            &QAction::triggered, this, [this] { m_browser->zoom(1); });
    connect(makeAction(QStringLiteral("actionZoomOut"), tr("&Smaller Thumbnails"), QKeySequence::ZoomOut,
                       QStringLiteral("zoom-out")),
            &QAction::triggered, this, [this] { m_browser->zoom(-1); });
    auto *themes = new QActionGroup(this);
    QAction *light = makeAction(QStringLiteral("actionThemeLight"), tr("&Light"));
    QAction *dark = makeAction(QStringLiteral("actionThemeDark"), tr("&Dark"), QKeySequence(tr("Ctrl+Shift+D")));
    for (QAction *a : {light, dark}) {
        a->setCheckable(true);
        themes->addAction(a);
    }
    connect(light, &QAction::triggered, this, [this] { setTheme(Theme::Light); });
    connect(dark, &QAction::triggered, this, [this] { setTheme(Theme::Dark); });
    // Language: the system's, or one of the embedded translations (named in their own language).
    auto *languages = new QActionGroup(this);
    QAction *system = makeAction(QStringLiteral("actionLanguageSystem"), tr("&System Language"));
    system->setData(QString());
    QList<QAction *> languageActions{system};
    for (const Language &l : availableLanguages()) {
        QAction *a = makeAction(QStringLiteral("actionLanguage_") + l.code, QLatin1Char('&') + l.name);
        a->setData(l.code);
        languageActions.append(a);
    }
    const QString saved = savedLanguage();
    for (QAction *a : languageActions) {
        a->setCheckable(true);
        a->setChecked(a->data().toString() == saved);
        languages->addAction(a);
        connect(a, &QAction::triggered, this, [this, a] { chooseLanguage(a->data().toString()); });
    }
    if (!languages->checkedAction())
        system->setChecked(true);

    QAction *full = makeAction(QStringLiteral("actionFullScreen"), tr("&Full Screen"), QKeySequence::FullScreen);
    full->setCheckable(true);
    connect(full, &QAction::toggled, this, [this](bool on) { on ? showFullScreen() : showNormal(); });
    connect(makeAction(QStringLiteral("actionResetLayout"), tr("&Reset Layout")), &QAction::triggered, this, [this] {
        restoreState(m_defaultState);
        for (QDockWidget *d : m_docks)
            d->show();
        fitDocksToWindow();
    });
    connect(makeAction(QStringLiteral("actionShortcuts"), tr("&Keyboard Shortcuts"), QKeySequence::HelpContents,
                       QStringLiteral("keyboard")),
            &QAction::triggered, this, &MainWindow::showShortcuts);
    QAction *about = makeAction(QStringLiteral("actionAbout"), tr("&About BalanceBench"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_menus.insert(QStringLiteral("file"), file);
    file->addAction(action(QStringLiteral("actionOpenDataset")));
    file->addAction(action(QStringLiteral("actionOpenProject")));
    m_recentMenu = file->addMenu(tr("Open R&ecent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    file->addSeparator();
    file->addAction(action(QStringLiteral("actionRescan")));
    file->addAction(action(QStringLiteral("actionCancelScan")));
    file->addSeparator();
    file->addAction(action(QStringLiteral("actionExportFolders")));
    file->addAction(action(QStringLiteral("actionExportCsv")));
    file->addSeparator();
    file->addAction(action(QStringLiteral("actionClose")));
    file->addAction(action(QStringLiteral("actionQuit")));

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    m_menus.insert(QStringLiteral("edit"), edit);
    edit->addAction(action(QStringLiteral("actionUndo")));
    edit->addAction(action(QStringLiteral("actionRedo")));
    edit->addSeparator();
    edit->addAction(action(QStringLiteral("actionSelectAll")));
    edit->addAction(action(QStringLiteral("actionFind")));

    QMenu *label = menuBar()->addMenu(tr("&Label"));
    m_menus.insert(QStringLiteral("label"), label);
    for (QAction *a : m_labelKeyActions)
        label->addAction(a);
    label->addAction(action(QStringLiteral("actionLabelNew")));
    label->addSeparator();
    label->addAction(action(QStringLiteral("actionExclude")));
    label->addAction(action(QStringLiteral("actionInclude")));
    label->addSeparator();
    label->addAction(action(QStringLiteral("actionNewClass")));
    label->addAction(action(QStringLiteral("actionRenameClass")));
    label->addAction(action(QStringLiteral("actionMergeClass")));
    label->addAction(action(QStringLiteral("actionDeleteClass")));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_menus.insert(QStringLiteral("view"), view);
    m_pagesMenu = view->addMenu(tr("&Pages"));
    m_docksMenu = view->addMenu(tr("P&anels"));
    view->addSeparator();
    view->addAction(action(QStringLiteral("actionZoomIn")));
    view->addAction(action(QStringLiteral("actionZoomOut")));
    view->addSeparator();
    QMenu *theme = view->addMenu(tr("&Theme"));
    theme->addAction(action(QStringLiteral("actionThemeLight")));
    theme->addAction(action(QStringLiteral("actionThemeDark")));
    QMenu *language = view->addMenu(tr("Lan&guage"));
    language->setObjectName(QStringLiteral("languageMenu"));
    language->addAction(action(QStringLiteral("actionLanguageSystem")));
    language->addSeparator();
    for (const Language &l : availableLanguages())
        language->addAction(action(QStringLiteral("actionLanguage_") + l.code));
    view->addAction(action(QStringLiteral("actionFullScreen")));
    view->addAction(action(QStringLiteral("actionResetLayout")));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    m_menus.insert(QStringLiteral("help"), help);
    help->addAction(action(QStringLiteral("actionShortcuts")));
    help->addAction(action(QStringLiteral("actionAbout")));

    auto *tools = addToolBar(tr("Main Toolbar"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setIconSize(QSize(20, 20));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->addAction(action(QStringLiteral("actionOpenDataset")));
    tools->addAction(action(QStringLiteral("actionRescan")));
    tools->addSeparator();
    tools->addAction(action(QStringLiteral("actionUndo")));
    tools->addAction(action(QStringLiteral("actionRedo")));
    tools->addSeparator();
    tools->addAction(action(QStringLiteral("actionLabelNew")));
    tools->addAction(action(QStringLiteral("actionExclude")));
    tools->addSeparator();
    tools->addAction(action(QStringLiteral("actionExportFolders")));
    m_docksMenu->addAction(tools->toggleViewAction());
    rebuildRecentMenu();
}

int MainWindow::addPage(QWidget *page, const QString &title, const QIcon &icon)
{
    const int index = m_pages->addTab(page, icon, QString(title).remove(QLatin1Char('&')));
    auto *a = new QAction(icon, title, this);
    a->setObjectName(QStringLiteral("actionPage%1").arg(index + 1));
    if (index < 9)
        a->setShortcut(QKeySequence(Qt::CTRL | (Qt::Key_1 + index)));
    addAction(a);
    connect(a, &QAction::triggered, this, [this, page] { m_pages->setCurrentWidget(page); });
    m_pagesMenu->addAction(a);
    return index;
}

QDockWidget *MainWindow::addDock(QWidget *content, const QString &objectName, const QString &title,
                                 Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(content);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(area, dock);
    m_docksMenu->addAction(dock->toggleViewAction());
    m_docks.append(dock);
    return dock;
}

void MainWindow::createDocks()
{
    m_classPanel = new ClassPanel(m_session, this);
    for (const char *name : {"actionNewClass", "actionRenameClass", "actionMergeClass", "actionDeleteClass"})
        m_classPanel->toolBar()->addAction(action(QString::fromLatin1(name)));
    QDockWidget *classes = addDock(m_classPanel, QStringLiteral("classesDock"), tr("Classes"), Qt::LeftDockWidgetArea);
    m_chart = new ClassChart(this);
    m_chart->setObjectName(QStringLiteral("classChart"));
    QDockWidget *chart = addDock(m_chart, QStringLiteral("chartDock"), tr("Class Counts"), Qt::LeftDockWidgetArea);
    splitDockWidget(classes, chart, Qt::Vertical);
    m_inspector = new InspectorWidget(m_session, this);
    addDock(m_inspector, QStringLiteral("inspectorDock"), tr("Inspector"), Qt::RightDockWidgetArea);
}

void MainWindow::createStatusBar()
{
    auto make = [this](const QString &name) {
        auto *l = new QLabel(this);
        l->setObjectName(name);
        l->setContentsMargins(6, 0, 6, 0);
        return l;
    };
    m_imagesLabel = make(QStringLiteral("statusImages"));
    m_classesLabel = make(QStringLiteral("statusClasses"));
    m_skippedLabel = make(QStringLiteral("statusSkipped"));
    m_selectionLabel = make(QStringLiteral("statusSelection"));
    m_projectLabel = make(QStringLiteral("statusProject"));
    m_projectLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_scanProgress = new QProgressBar(this);
    m_scanProgress->setObjectName(QStringLiteral("scanProgress"));
    m_scanProgress->setMaximumWidth(220);
    m_scanProgress->setTextVisible(true);
    m_scanProgress->setVisible(false);
    m_scanCancel = new QToolButton(this);
    m_scanCancel->setDefaultAction(action(QStringLiteral("actionCancelScan")));
    m_scanCancel->setAutoRaise(true);
    m_scanCancel->setVisible(false);
    statusBar()->addWidget(m_imagesLabel);
    statusBar()->addWidget(m_classesLabel);
    statusBar()->addWidget(m_skippedLabel);
    statusBar()->addWidget(m_selectionLabel);
    statusBar()->addPermanentWidget(m_scanProgress);
    statusBar()->addPermanentWidget(m_scanCancel);
    statusBar()->addPermanentWidget(m_projectLabel);
}

void MainWindow::connectSession()
{
    connect(m_session, &ProjectSession::errorOccurred, this, &MainWindow::showError);
    connect(m_session, &ProjectSession::projectOpened, this, [this] {
        setWindowTitle(tr("%1 — BalanceBench").arg(QFileInfo(m_session->datasetRoot()).fileName()));
        updateActions();
        updateStatus();
    });
    connect(m_session, &ProjectSession::projectClosed, this, [this] {
        setWindowTitle(tr("BalanceBench"));
        updateActions();
        updateStatus();
    });
    connect(m_session, &ProjectSession::scanStarted, this, [this] {
        m_scanProgress->setRange(0, 0);
        m_scanProgress->setFormat(tr("Scanning…"));
        m_scanProgress->setVisible(true);
        m_scanCancel->setVisible(true);
        updateActions();
    });
    connect(m_session, &ProjectSession::scanProgress, this, [this](qint64 done, qint64 total, double rate) {
        m_scanProgress->setRange(0, int(std::max<qint64>(total, 1)));
        m_scanProgress->setValue(int(done));
        m_scanProgress->setFormat(rate > 0 ? tr("Scanning %v / %m (%1 files/s)").arg(rate, 0, 'f', 0)
                                           : tr("Scanning %v / %m"));
    });
    connect(m_session, &ProjectSession::scanFinished, this, [this](bool ok, const QString &message) {
        m_scanProgress->setVisible(false);
        m_scanCancel->setVisible(false);
        statusBar()->showMessage(ok ? message : tr("Scan stopped: %1").arg(message), 5000);
        m_imagesLabel->setToolTip(message);
        updateActions();
        updateStatus();
    });
    connect(m_session, &ProjectSession::classesChanged, this, [this] {
        rebuildLabelActions();
        updateStatus();
        QStringList names;
        std::vector<int> counts;
        std::vector<QColor> colors;
        for (const ClassRecord &c : m_session->classModel()->classes()) {
            names.append(c.name);
            counts.push_back(c.count);
            colors.push_back(QColor(c.color));
        }
        m_chart->setCounts(names, counts, colors);
    });
    connect(m_session->imageModel(), &ImageListModel::batchApplied, this, &MainWindow::updateStatus);
    connect(m_session->undoStack(), &QUndoStack::indexChanged, this, &MainWindow::updateActions);
    connect(m_browser, &BrowserView::currentImageChanged, m_inspector, &InspectorWidget::setImage);
    connect(m_browser, &BrowserView::selectionCountChanged, this, [this](int n) {
        m_selectionLabel->setText(n > 0 ? tr("%n selected", nullptr, n) : QString());
        updateActions();
    });
    connect(m_browser, &BrowserView::contextMenuRequested, this, &MainWindow::showImageContextMenu);
    connect(m_classPanel, &ClassPanel::contextMenuRequested, this, &MainWindow::showClassContextMenu);
    connect(m_classPanel, &ClassPanel::filterRequested, this, [this](const QString &cls) {
        m_pages->setCurrentWidget(m_browser);
        m_browser->setClassFilter(cls);
    });
    connect(m_classPanel->view()->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::updateActions);
    connect(m_balance, &BalanceView::exportFinished, this, [this](bool ok, const QString &message) {
        auto *box = new QMessageBox(ok ? QMessageBox::Information : QMessageBox::Warning,
                                    ok ? tr("Balanced Dataset Written") : tr("Balancing Failed"), message,
                                    QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
}

void MainWindow::rebuildLabelActions()
{
    const auto &classes = m_session->classModel()->classes();
    for (int k = 0; k < m_labelKeyActions.size(); ++k) {
        QAction *a = m_labelKeyActions[k];
        const bool has = k < int(classes.size());
        a->setVisible(has);
        a->setText(has ? tr("Label as “%1”").arg(classes[size_t(k)].name) : QString());
        if (has) {
            QPixmap swatch(16, 16);
            swatch.fill(QColor(classes[size_t(k)].color));
            a->setIcon(QIcon(swatch));
        }
    }
    updateActions();
}

void MainWindow::updateActions()
{
    const bool open = m_session->isOpen();
    const bool scanning = m_session->isScanning();
    const bool selection = !m_browser->selectedIds().isEmpty();
    const bool cls = !selectedClass().isEmpty();
    action(QStringLiteral("actionRescan"))->setEnabled(open);
    action(QStringLiteral("actionCancelScan"))->setEnabled(scanning);
    action(QStringLiteral("actionExportFolders"))->setEnabled(open);
    action(QStringLiteral("actionExportCsv"))->setEnabled(open);
    action(QStringLiteral("actionClose"))->setEnabled(open);
    action(QStringLiteral("actionSelectAll"))->setEnabled(open);
    for (QAction *a : m_labelKeyActions)
        a->setEnabled(open);
    for (const char *name : {"actionLabelNew", "actionExclude", "actionInclude"})
        action(QString::fromLatin1(name))->setEnabled(open && selection);
    action(QStringLiteral("actionNewClass"))->setEnabled(open);
    for (const char *name : {"actionRenameClass", "actionMergeClass", "actionDeleteClass"})
        action(QString::fromLatin1(name))->setEnabled(open && cls);
}

void MainWindow::updateStatus()
{
    if (!m_session->isOpen()) {
        m_imagesLabel->setText(tr("No dataset open"));
        m_classesLabel->clear();
        m_skippedLabel->clear();
        m_projectLabel->clear();
        return;
    }
    const ImageListModel *images = m_session->imageModel();
    m_imagesLabel->setText(tr("%Ln image(s)", nullptr, images->count(QStringLiteral("ok"))));
    int classes = 0;
    for (const ClassRecord &c : m_session->classModel()->classes())
        classes += c.count > 0 ? 1 : 0;
    m_classesLabel->setText(tr("%n class(es)", nullptr, classes));
    const int skipped = images->count(QStringLiteral("skipped"));
    m_skippedLabel->setText(tr("%Ln skipped", nullptr, skipped));
    m_skippedLabel->setStyleSheet(skipped > 0 ? QStringLiteral("color: #d04a3f;") : QString());
    m_projectLabel->setText(QDir::toNativeSeparators(m_session->projectFile()));
    m_projectLabel->setToolTip(tr("Dataset: %1\nProject: %2").arg(m_session->datasetRoot(), m_session->projectFile()));
}

QString MainWindow::selectedClass() const
{
    return m_classPanel ? m_classPanel->currentClass() : QString();
}

bool MainWindow::openPath(const QString &path)
{
    const QFileInfo fi(path);
    Status s = Status::failure(tr("%1 is neither a dataset folder nor a project file").arg(path));
    if (fi.isDir())
        s = m_session->openDataset(fi.absoluteFilePath());
    else if (fi.isFile())
        s = m_session->openProjectFile(fi.absoluteFilePath());
    if (!s) {
        showError(tr("Cannot open %1: %2").arg(QDir::toNativeSeparators(path), s.message()));
        return false;
    }
    addRecent(fi.absoluteFilePath());
    m_pages->setCurrentWidget(m_browser);
    m_browser->view()->setFocus();
    return true;
}

QStringList MainWindow::recentProjects() const
{
    return QSettings().value(QStringLiteral("recentProjects")).toStringList();
}

void MainWindow::addRecent(const QString &path)
{
    QStringList recent = recentProjects();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    QSettings().setValue(QStringLiteral("recentProjects"), recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = recentProjects();
    int n = 0;
    for (const QString &path : recent) {
        const bool exists = QFileInfo::exists(path);
        QAction *a = m_recentMenu->addAction(
            QStringLiteral("&%1 %2").arg(++n % 10).arg(QDir::toNativeSeparators(path)));
        a->setEnabled(exists);
        a->setIcon(themedIcon(QFileInfo(path).isDir() ? QStringLiteral("folder-open") : QStringLiteral("project")));
        connect(a, &QAction::triggered, this, [this, path] { openPath(path); });
    }
    if (recent.isEmpty()) {
        m_recentMenu->addAction(tr("No recent projects"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    connect(m_recentMenu->addAction(tr("&Clear List")), &QAction::triggered, this, [this] {
        QSettings().remove(QStringLiteral("recentProjects"));
        rebuildRecentMenu();
    });
}

void MainWindow::openDatasetDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Dataset Folder"),
                                                          QSettings().value(QStringLiteral("lastDir")).toString());
    if (dir.isEmpty())
        return;
    QSettings().setValue(QStringLiteral("lastDir"), QFileInfo(dir).absolutePath());
    openPath(dir);
}

void MainWindow::openProjectDialog()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Open Project File"),
                                                      QSettings().value(QStringLiteral("lastDir")).toString(),
                                                      tr("BalanceBench projects (*.sqlite *.bbproj *.db);;All files (*)"));
    if (!file.isEmpty())
        openPath(file);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile()) {
        const QString path = urls.first().toLocalFile();
        if (QFileInfo(path).isDir() || isProjectFile(path)) {
            event->acceptProposedAction();
            return;
        }
    }
    event->ignore();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty())
        return;
    event->acceptProposedAction();
    const QString path = urls.first().toLocalFile();
    // Open after the drop has finished, so the source application is not kept waiting.
    QMetaObject::invokeMethod(this, [this, path] { openPath(path); }, Qt::QueuedConnection);
}

void MainWindow::showImageContextMenu(const QPoint &globalPos)
{
    const QList<qint64> ids = m_browser->selectedIds();
    if (!m_session->isOpen() || ids.isEmpty())
        return;
    QMenu menu(this);
    QMenu *labelMenu = menu.addMenu(themedIcon(QStringLiteral("tag")), tr("Label as"));
    int k = 0;
    for (const ClassRecord &c : m_session->classModel()->classes()) {
        QPixmap swatch(16, 16);
        swatch.fill(QColor(c.color));
        QAction *a = labelMenu->addAction(QIcon(swatch), c.name);
        if (k < 9)
            a->setShortcut(QKeySequence(Qt::Key_1 + k)); // shown only; the grid handles the key
        ++k;
        const QString name = c.name;
        connect(a, &QAction::triggered, this, [this, name] { m_browser->labelSelection(name, false); });
    }
    labelMenu->addSeparator();
    labelMenu->addAction(action(QStringLiteral("actionLabelNew")));
    menu.addAction(action(QStringLiteral("actionExclude")));
    menu.addAction(action(QStringLiteral("actionInclude")));
    menu.addSeparator();
    const ImageRecord *r = m_session->imageModel()->recordById(m_browser->currentId() ? m_browser->currentId() : ids.first());
    if (r) {
        const QString abs = m_session->datasetRoot() + QLatin1Char('/') + r->path;
        connect(menu.addAction(tr("Copy Path")), &QAction::triggered, this,
                [abs] { QApplication::clipboard()->setText(QDir::toNativeSeparators(abs)); });
        connect(menu.addAction(themedIcon(QStringLiteral("folder-open")), tr("Show Containing Folder")),
                &QAction::triggered, this,
                [abs] { QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(abs).absolutePath())); });
    }
    menu.exec(globalPos);
}

void MainWindow::showClassContextMenu(const QPoint &globalPos)
{
    QMenu menu(this);
    const QString cls = selectedClass();
    if (!cls.isEmpty()) {
        connect(menu.addAction(themedIcon(QStringLiteral("search")), tr("Show Only “%1”").arg(cls)), &QAction::triggered,
                this, [this, cls] {
                    m_pages->setCurrentWidget(m_browser);
                    m_browser->setClassFilter(cls);
                });
        menu.addSeparator();
        menu.addAction(action(QStringLiteral("actionRenameClass")));
        QMenu *merge = menu.addMenu(themedIcon(QStringLiteral("merge")), tr("Merge Into"));
        for (const QString &other : m_session->classModel()->names())
            if (other != cls)
                connect(merge->addAction(other), &QAction::triggered, this,
                        [this, cls, other] { m_session->mergeClass(cls, other); });
        menu.addAction(action(QStringLiteral("actionDeleteClass")));
        menu.addSeparator();
    }
    menu.addAction(action(QStringLiteral("actionNewClass")));
    menu.exec(globalPos);
}

void MainWindow::labelAsNewClass()
{
    const QList<qint64> ids = m_browser->selectedIds();
    if (ids.isEmpty())
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Label as New Class"),
                                               tr("Name of the new class for %n image(s):", nullptr, int(ids.size())),
                                               QLineEdit::Normal, QString(), &ok);
    if (ok && !name.trimmed().isEmpty()) {
        if (m_session->classModel()->contains(name.trimmed()) || !name.contains(QLatin1Char('/')))
            m_session->assignLabel(ids, name.trimmed());
        else
            showError(tr("“%1” is not a valid class name.").arg(name));
    }
}

void MainWindow::newClass()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("New Class"), tr("Class name:"), QLineEdit::Normal, QString(), &ok);
    if (ok && !name.trimmed().isEmpty())
        m_session->createClass(name);
}

void MainWindow::renameClass(const QString &name)
{
    if (name.isEmpty())
        return;
    bool ok = false;
    const QString to = QInputDialog::getText(this, tr("Rename Class"), tr("New name for “%1”:").arg(name),
                                             QLineEdit::Normal, name, &ok);
    if (ok)
        m_session->renameClass(name, to);
}

void MainWindow::mergeClass(const QString &name)
{
    if (name.isEmpty())
        return;
    QStringList others = m_session->classModel()->names();
    others.removeAll(name);
    if (others.isEmpty()) {
        showError(tr("There is no other class to merge “%1” into.").arg(name));
        return;
    }
    bool ok = false;
    const QString into = QInputDialog::getItem(this, tr("Merge Class"),
                                               tr("Move every image of “%1” into:").arg(name), others, 0, false, &ok);
    if (ok)
        m_session->mergeClass(name, into);
}

void MainWindow::deleteClass(const QString &name)
{
    if (name.isEmpty())
        return;
    const int count = int(m_session->imageModel()->idsWithLabel(name).size());
    if (count == 0) {
        m_session->deleteClass(name);
        return;
    }
    // A class with images cannot simply vanish: offer to move them, which is a merge.
    QStringList others = m_session->classModel()->names();
    others.removeAll(name);
    if (others.isEmpty()) {
        showError(tr("“%1” still has %n image(s) and there is no other class to move them to.", nullptr, count).arg(name));
        return;
    }
    bool ok = false;
    const QString into = QInputDialog::getItem(
        this, tr("Delete Class"),
        tr("“%1” still has %n image(s). Move them to:", nullptr, count).arg(name), others, 0, false, &ok);
    if (ok)
        m_session->mergeClass(name, into);
}

void MainWindow::exportLabelFolders()
{
    if (!m_session->isOpen())
        return;
    QMessageBox ask(QMessageBox::Question, tr("Export Labels as Folders"),
                    tr("Write one folder per class with the images of that class. The source images stay where "
                       "they are."),
                    QMessageBox::Cancel, this);
    QPushButton *copy = ask.addButton(tr("Copy Files"), QMessageBox::AcceptRole);
    QPushButton *link = ask.addButton(tr("Create Links"), QMessageBox::AcceptRole);
    ask.setDefaultButton(copy);
    ask.exec();
    if (ask.clickedButton() != copy && ask.clickedButton() != link)
        return;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export Into (an empty folder)"),
                                                          QFileInfo(m_session->datasetRoot()).absolutePath());
    if (dir.isEmpty())
        return;
    LabelExportOptions opts;
    opts.mode = ask.clickedButton() == link ? LabelExportMode::Symlink : LabelExportMode::Copy;
    auto control = std::make_shared<JobControl>();
    auto *progress = new QProgressDialog(tr("Exporting labels…"), tr("Cancel"), 0, 0, this);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    connect(progress, &QProgressDialog::canceled, this, [control] { control->cancel(); });
    QPointer<QProgressDialog> guard(progress);
    control->setProgressCallback([guard](const Progress &p) {
        QMetaObject::invokeMethod(guard.data(), [guard, p] {
            if (guard) {
                guard->setMaximum(int(p.total));
                guard->setValue(int(p.done));
            }
        }, Qt::QueuedConnection);
    });
    const QString file = m_session->projectFile(), root = m_session->datasetRoot();
    auto *watcher = new QFutureWatcher<QPair<bool, QString>>(this);
    connect(watcher, &QFutureWatcher<QPair<bool, QString>>::finished, this, [this, watcher, guard] {
        const auto res = watcher->result();
        watcher->deleteLater();
        if (guard)
            guard->close();
        if (res.first)
            QMessageBox::information(this, tr("Labels Exported"), res.second);
        else
            showError(res.second);
    });
    watcher->setFuture(QtConcurrent::run([file, root, dir, opts, control]() -> QPair<bool, QString> {
        auto store = ProjectStore::open(file);
        if (!store)
            return {false, store.error()};
        auto done = bb::exportLabelFolders(store.value()->images(), root, dir, opts, control.get());
        if (!done)
            return {false, done.error()};
        QString text = QCoreApplication::translate("bb::MainWindow", "Exported %n image(s) in %1 classes to %2 (with labels.csv).",
                                                   nullptr, done.value().written)
                           .arg(done.value().classes).arg(done.value().out_dir);
        if (!done.value().errors.isEmpty())
            text += QLatin1Char('\n') + done.value().errors.mid(0, 10).join(QLatin1Char('\n'));
        return {true, text};
    }));
    progress->show();
}

void MainWindow::exportLabelsCsv()
{
    if (!m_session->isOpen())
        return;
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Export Labels as CSV"),
        QFileInfo(m_session->datasetRoot()).absolutePath() + QStringLiteral("/labels.csv"), tr("CSV files (*.csv)"));
    if (file.isEmpty())
        return;
    const Status s = writeLabelsCsv(m_session->store()->images(), file);
    if (s)
        statusBar()->showMessage(tr("Labels written to %1").arg(QDir::toNativeSeparators(file)), 6000);
    else
        showError(s.message());
}

void MainWindow::showError(const QString &message)
{
    statusBar()->showMessage(message, 10000);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("BalanceBench"), message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showShortcuts()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Keyboard Shortcuts"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *tree = new QTreeWidget(&dialog);
    tree->setHeaderLabels({tr("Action"), tr("Shortcut")});
    tree->setRootIsDecorated(false);
    tree->setAlternatingRowColors(true);
    for (QMenu *menu : {m_menus.value(QStringLiteral("file")), m_menus.value(QStringLiteral("edit")),
                        m_menus.value(QStringLiteral("label")), m_menus.value(QStringLiteral("view")),
                        m_menus.value(QStringLiteral("help"))}) {
        QList<QAction *> actions = menu->actions();
        for (int i = 0; i < actions.size(); ++i) {
            QAction *a = actions[i];
            if (a->menu())
                actions.append(a->menu()->actions());
            if (a->isSeparator() || a->shortcut().isEmpty() || !a->isVisible())
                continue;
            auto *item = new QTreeWidgetItem(tree);
            item->setText(0, a->text().remove(QLatin1Char('&')));
            item->setText(1, a->shortcut().toString(QKeySequence::NativeText));
        }
    }
    tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(tree);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(480, 520);
    dialog.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About BalanceBench"),
                       tr("<h3>BalanceBench %1</h3><p>A workbench for image classification on imbalanced datasets: "
                          "inspect and fix labels, preview and write a balanced training split.</p>")
                           .arg(QStringLiteral(BB_VERSION)));
}

void MainWindow::chooseLanguage(const QString &code)
{
    saveLanguage(code);
    const QString next = resolveLanguage(code);
    if (next == installedLanguage())
        return;
    // Said in the language chosen, which is the one the user can read.
    static const char *const kContext = "bb::MainWindow";
    QMessageBox box(QMessageBox::Information, translateInto(next, kContext, QT_TRANSLATE_NOOP("bb::MainWindow", "Language")),
                    translateInto(next, kContext,
                                  QT_TRANSLATE_NOOP("bb::MainWindow", "BalanceBench will use this language when it starts next time.")),
                    QMessageBox::Ok, this);
    box.exec();
}

void MainWindow::setTheme(Theme theme)
{
    m_theme = theme;
    applyTheme(theme);
    action(QStringLiteral("actionThemeLight"))->setChecked(theme == Theme::Light);
    action(QStringLiteral("actionThemeDark"))->setChecked(theme == Theme::Dark);
    QSettings().setValue(QStringLiteral("ui/theme"), themeToString(theme));
    m_chart->updateColors();
    m_balance->chart()->updateColors();
    // Tinted icons are painted from the palette; repaint everything.
    for (QWidget *w : QApplication::allWidgets())
        w->update();
}

void MainWindow::restoreSettings()
{
    QSettings s;
    if (!restoreGeometry(s.value(QStringLiteral("ui/geometry")).toByteArray())) {
        // First start: a comfortable size that still fits the screen (high-DPI screens included).
        QSize size(1400, 880);
        if (const QScreen *screen = QGuiApplication::primaryScreen())
            size = size.boundedTo(screen->availableGeometry().size() * 0.9);
        resize(size);
    }
    m_fitDocksOnShow = !restoreState(s.value(QStringLiteral("ui/state")).toByteArray());
    // Now as well as on show: the layout's minimum width is applied when the window is first
    // shown, before a queued fit could tabify, and a window made for three columns on a small
    // screen would grow past it.
    if (m_fitDocksOnShow)
        fitDocksToWindow();
    m_browser->setThumbnailSize(s.value(QStringLiteral("ui/thumbnailSize"), 128).toInt());
    setTheme(themeFromString(s.value(QStringLiteral("ui/theme"), QStringLiteral("light")).toString()));
}

void MainWindow::fitDocksToWindow()
{
    auto dock = [this](const char *name) { return findChild<QDockWidget *>(QString::fromLatin1(name)); };
    QDockWidget *classes = dock("classesDock");
    QDockWidget *chart = dock("chartDock");
    QDockWidget *inspector = dock("inspectorDock");
    if (!classes || !chart || !inspector)
        return;
    const int w = width();
    if (w < kNarrowWindow) {
        // Three columns do not fit (a 1024-pixel screen made the window 1085 px wide and the
        // class panel 70): the inspector shares the left column with the class counts, which
        // the class list shows too.
        if (dockWidgetArea(inspector) != Qt::LeftDockWidgetArea)
            tabifyDockWidget(chart, inspector);
        inspector->raise();
        resizeDocks({classes}, {std::clamp(w * 24 / 100, 200, 260)}, Qt::Horizontal);
        resizeDocks({classes, chart}, {height() * 2 / 5, height() * 3 / 5}, Qt::Vertical);
        return;
    }
    if (dockWidgetArea(inspector) != Qt::RightDockWidgetArea) // tabified for a smaller size before
        addDockWidget(Qt::RightDockWidgetArea, inspector);
    resizeDocks({classes, inspector}, {std::clamp(w * 18 / 100, 210, 290), std::clamp(w * 20 / 100, 230, 320)}, Qt::Horizontal);
    resizeDocks({classes, chart}, {height() * 11 / 20, height() * 9 / 20}, Qt::Vertical);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_fitDocksOnShow) {
        m_fitDocksOnShow = false;
        // Queued: the dock layout takes the window's size only after the show.
        QMetaObject::invokeMethod(this, &MainWindow::fitDocksToWindow, Qt::QueuedConnection);
    }
}

void MainWindow::saveSettings() const
{
    QSettings s;
    s.setValue(QStringLiteral("ui/geometry"), saveGeometry());
    s.setValue(QStringLiteral("ui/state"), saveState());
    s.setValue(QStringLiteral("ui/thumbnailSize"), m_browser->thumbnailSize());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_balance->isExporting()) {
        if (QMessageBox::question(this, tr("Quit BalanceBench?"),
                                  tr("A balanced dataset is being written. Cancel it and quit?"))
            != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_balance->cancelExport();
    }
    saveSettings();
    m_session->close();
    event->accept();
}

} // namespace bb
