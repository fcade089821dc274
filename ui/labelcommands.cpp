#include "labelcommands.h"

#include "classlistmodel.h"
#include "imagelistmodel.h"
#include "projectsession.h"
#include "result.h"

#include <QCoreApplication>

namespace bb {
namespace {
// One translation context for all commands (they are no QObjects). lupdate cannot tell the
// context of a free tr() function; it reads this macro and extracts every Msg::tr() under it.
struct Msg {
    Q_DECLARE_TR_FUNCTIONS(bb::LabelCommands)
};
} // namespace

bool StoreCommand::check(const Status &status)
{
    const bool first = m_firstRedo;
    m_firstRedo = false;
    if (status)
        return true;
    m_session->reportError(Msg::tr("%1 failed: %2").arg(text(), status.message()));
    if (first)
        setObsolete(true); // push() deletes it: the stack never shows an action that did not happen
    return false;
}

SetLabelsCommand::SetLabelsCommand(ProjectSession *session, const QList<qint64> &ids, const QString &label)
    : StoreCommand(session), m_label(label)
{
    for (qint64 id : ids)
        if (const ImageRecord *r = session->imageModel()->recordById(id))
            m_old.insert(id, r->label);
    m_createsClass = !session->classModel()->contains(label);
    setText(Msg::tr("Label %n image(s) as “%1”", nullptr, int(ids.size())).arg(label));
}

void SetLabelsCommand::redo()
{
    QHash<qint64, QString> labels;
    for (auto it = m_old.cbegin(); it != m_old.cend(); ++it)
        labels.insert(it.key(), m_label);
    check(m_session->commitLabels(labels, QStringLiteral("label")));
}

void SetLabelsCommand::undo()
{
    if (!check(m_session->commitLabels(m_old, QStringLiteral("undo-label"))))
        return;
    if (m_createsClass)
        check(m_session->commitDeleteClass(m_label));
}

SetExcludedCommand::SetExcludedCommand(ProjectSession *session, const QList<qint64> &ids, bool excluded)
    : StoreCommand(session), m_ids(ids), m_excluded(excluded)
{
    setText(excluded ? Msg::tr("Exclude %n image(s)", nullptr, int(ids.size()))
                     : Msg::tr("Include %n image(s)", nullptr, int(ids.size())));
}

void SetExcludedCommand::redo()
{
    check(m_session->commitExcluded(m_ids, m_excluded));
}

void SetExcludedCommand::undo()
{
    // The session only passes images whose state changes, so undo is the opposite state for all.
    check(m_session->commitExcluded(m_ids, !m_excluded));
}

CreateClassCommand::CreateClassCommand(ProjectSession *session, const QString &name)
    : StoreCommand(session), m_name(name)
{
    setText(Msg::tr("Create class “%1”").arg(name));
}

void CreateClassCommand::redo()
{
    check(m_session->commitEnsureClass(m_name));
}

void CreateClassCommand::undo()
{
    check(m_session->commitDeleteClass(m_name));
}

RenameClassCommand::RenameClassCommand(ProjectSession *session, const QString &from, const QString &to)
    : StoreCommand(session), m_from(from), m_to(to)
{
    setText(Msg::tr("Rename class “%1” to “%2”").arg(from, to));
}

void RenameClassCommand::redo()
{
    check(m_session->commitRenameClass(m_from, m_to));
}

void RenameClassCommand::undo()
{
    check(m_session->commitRenameClass(m_to, m_from));
}

MergeClassCommand::MergeClassCommand(ProjectSession *session, const QString &from, const QString &into,
                                     const QList<qint64> &ids)
    : StoreCommand(session), m_from(from), m_into(into), m_ids(ids)
{
    setText(Msg::tr("Merge class “%1” into “%2”").arg(from, into));
}

void MergeClassCommand::redo()
{
    check(m_session->commitMergeClass(m_from, m_into));
}

void MergeClassCommand::undo()
{
    // setLabels re-creates the class inside the same transaction as the relabel.
    if (m_ids.isEmpty()) {
        check(m_session->commitEnsureClass(m_from));
        return;
    }
    QHash<qint64, QString> labels;
    for (qint64 id : m_ids)
        labels.insert(id, m_from);
    check(m_session->commitLabels(labels, QStringLiteral("undo-merge")));
}

DeleteClassCommand::DeleteClassCommand(ProjectSession *session, const QString &name)
    : StoreCommand(session), m_name(name)
{
    setText(Msg::tr("Delete class “%1”").arg(name));
}

void DeleteClassCommand::redo()
{
    check(m_session->commitDeleteClass(m_name));
}

void DeleteClassCommand::undo()
{
    check(m_session->commitEnsureClass(m_name));
}

} // namespace bb
