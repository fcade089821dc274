#pragma once
// The workbench main window: pages as central tabs, views as docks, menus with shortcuts,
// status bar, recent projects, drag-and-drop opening, remembered layout and theme.
//
// Later views (training, predictions, ...) register through addPage() and addDock(); their
// menu entries go into menu("view") etc., and the layout is saved with everything else.

#include "theme.h"

#include <QHash>
#include <QMainWindow>

class QLabel;
class QProgressBar;
class QTabWidget;
class QToolButton;

namespace bb {

class BalanceView;
class BrowserView;
class ClassChart;
class ClassPanel;
class InspectorWidget;
class ProjectSession;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    ProjectSession *session() const { return m_session; }
    BrowserView *browser() const { return m_browser; }
    BalanceView *balanceView() const { return m_balance; }
    InspectorWidget *inspector() const { return m_inspector; }
    ClassPanel *classPanel() const { return m_classPanel; }
    ClassChart *classChart() const { return m_chart; }
    QTabWidget *pages() const { return m_pages; }

    /// Adds a central page (tab) with a View-menu entry and a Ctrl+<n> shortcut; returns its index.
    int addPage(QWidget *page, const QString &title, const QIcon &icon = QIcon());
    /// Adds a dock (objectName must be unique: it keys the saved layout) with a View-menu toggle.
    QDockWidget *addDock(QWidget *content, const QString &objectName, const QString &title,
                         Qt::DockWidgetArea area = Qt::RightDockWidgetArea);
    /// The top-level menus by id: "file", "edit", "label", "view", "help".
    QMenu *menu(const QString &id) const { return m_menus.value(id); }
    /// Actions by object name (e.g. "actionUndo"), for extensions and tests.
    QAction *action(const QString &objectName) const;

    /// Opens a dataset folder or a project file; false (after telling the user) on failure.
    bool openPath(const QString &path);
    void setTheme(Theme theme);
    Theme theme() const { return m_theme; }
    QStringList recentProjects() const;

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void createStatusBar();
    void connectSession();
    void restoreSettings();
    void saveSettings() const;
    /// Gives the side panels a share of the window's width (first start, Reset Layout): fixed
    /// sizes left the class panel 156 px in a 1280-pixel window.
    void fitDocksToWindow();
    void rebuildRecentMenu();
    void addRecent(const QString &path);
    void rebuildLabelActions();
    void updateActions();
    void updateStatus();
    void showImageContextMenu(const QPoint &globalPos);
    void showClassContextMenu(const QPoint &globalPos);
    void showError(const QString &message);
    void showShortcuts();
    void showAbout();
    void chooseLanguage(const QString &code);

    void openDatasetDialog();
    void openProjectDialog();
    void exportLabelFolders();
    void exportLabelsCsv();
    void labelAsNewClass();
    void newClass();
    void renameClass(const QString &name);
    void mergeClass(const QString &name);
    void deleteClass(const QString &name);
    QString selectedClass() const;

    QAction *makeAction(const QString &objectName, const QString &text, const QKeySequence &shortcut = {},
                        const QString &icon = QString());

    ProjectSession *m_session;
    QTabWidget *m_pages;
    BrowserView *m_browser;
    BalanceView *m_balance;
    InspectorWidget *m_inspector = nullptr;
    ClassPanel *m_classPanel = nullptr;
    ClassChart *m_chart = nullptr;
    QHash<QString, QMenu *> m_menus;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_pagesMenu = nullptr;
    QMenu *m_docksMenu = nullptr;
    QList<QAction *> m_labelKeyActions;
    QList<QDockWidget *> m_docks;
    QLabel *m_imagesLabel, *m_classesLabel, *m_skippedLabel, *m_selectionLabel, *m_projectLabel;
    QProgressBar *m_scanProgress;
    QToolButton *m_scanCancel;
    QByteArray m_defaultState;
    bool m_fitDocksOnShow = false; // no saved layout: size the docks once the window has its size
    Theme m_theme = Theme::Light;
};

} // namespace bb
