#include "modelpicker.h"

#include "projectsession.h"
#include "projectstore.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

#include <algorithm>

namespace bb {

ModelPicker::ModelPicker(ProjectSession *session, QWidget *parent) : QWidget(parent), m_session(session), m_combo(new QComboBox(this))
{
    auto *h = new QHBoxLayout(this);
    h->setContentsMargins(0, 0, 0, 0);
    m_combo->setObjectName(QStringLiteral("modelCombo"));
    m_combo->setEditable(true);
    m_combo->setInsertPolicy(QComboBox::NoInsert);
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setMinimumContentsLength(20);
    m_combo->lineEdit()->setPlaceholderText(tr("Model bundle (.bbmodel)"));
    auto *browse = new QToolButton(this);
    browse->setText(tr("Browse…"));
    h->addWidget(m_combo, 1);
    h->addWidget(browse);
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Choose a Model"), QFileInfo(path()).absolutePath(),
                                                       tr("BalanceBench models (*.bbmodel);;All files (*)"));
        if (!f.isEmpty())
            setPath(f);
    });
    connect(m_combo, &QComboBox::currentTextChanged, this, [this] { Q_EMIT pathChanged(path()); });
    if (m_session) {
        connect(m_session, &ProjectSession::projectOpened, this, &ModelPicker::refresh);
        connect(m_session, &ProjectSession::projectClosed, this, &ModelPicker::refresh);
    }
    refresh();
}

QString ModelPicker::path() const
{
    const int i = m_combo->findText(m_combo->currentText());
    if (i >= 0 && !m_combo->itemData(i).toString().isEmpty())
        return m_combo->itemData(i).toString();
    return QDir::fromNativeSeparators(m_combo->currentText().trimmed());
}

void ModelPicker::setPath(const QString &path)
{
    m_combo->setCurrentText(QDir::toNativeSeparators(path));
}

void ModelPicker::refresh()
{
    const QString current = m_combo->currentText();
    const QSignalBlocker block(m_combo);
    m_combo->clear();
    if (m_session && m_session->store()) {
        std::vector<RunRecord> runs = m_session->store()->runs();
        std::sort(runs.begin(), runs.end(), [](const RunRecord &a, const RunRecord &b) { return a.created_ms > b.created_ms; });
        for (const RunRecord &r : runs) {
            const QString bundle = QDir(r.run_dir).filePath(QStringLiteral("model.bbmodel"));
            if (QFileInfo::exists(bundle))
                m_combo->addItem(QDir::toNativeSeparators(bundle), bundle);
        }
    }
    if (!current.isEmpty())
        m_combo->setCurrentText(current);
    else if (m_combo->count() > 0)
        m_combo->setCurrentIndex(0);
    Q_EMIT pathChanged(path());
}

} // namespace bb
