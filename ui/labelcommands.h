#pragma once
// Undoable labeling actions. Each redo()/undo() commits to the project store at once (one
// transaction per step), so killing the process never loses an action already shown as done.

#include <QHash>
#include <QList>
#include <QString>
#include <QUndoCommand>

#include "result.h"

namespace bb {

class ProjectSession;

/// Base: a failed first redo() marks the command obsolete, so QUndoStack::push() drops it.
class StoreCommand : public QUndoCommand {
public:
    explicit StoreCommand(ProjectSession *session) : m_session(session) {}

protected:
    /// Reports a failure of `what`; returns whether it succeeded.
    bool check(const Status &status);
    ProjectSession *m_session;
    bool m_firstRedo = true;
};

class SetLabelsCommand : public StoreCommand {
public:
    SetLabelsCommand(ProjectSession *session, const QList<qint64> &ids, const QString &label);
    void redo() override;
    void undo() override;

private:
    QHash<qint64, QString> m_old;
    QString m_label;
    bool m_createsClass = false; // the label did not exist as a class before
};

class SetExcludedCommand : public StoreCommand {
public:
    SetExcludedCommand(ProjectSession *session, const QList<qint64> &ids, bool excluded);
    void redo() override;
    void undo() override;

private:
    QList<qint64> m_ids;
    bool m_excluded;
};

class CreateClassCommand : public StoreCommand {
public:
    CreateClassCommand(ProjectSession *session, const QString &name);
    void redo() override;
    void undo() override;

private:
    QString m_name;
};

class RenameClassCommand : public StoreCommand {
public:
    RenameClassCommand(ProjectSession *session, const QString &from, const QString &to);
    void redo() override;
    void undo() override;

private:
    QString m_from, m_to;
};

class MergeClassCommand : public StoreCommand {
public:
    /// `ids` are the images that carried `from` (restored on undo).
    MergeClassCommand(ProjectSession *session, const QString &from, const QString &into, const QList<qint64> &ids);
    void redo() override;
    void undo() override;

private:
    QString m_from, m_into;
    QList<qint64> m_ids;
};

class DeleteClassCommand : public StoreCommand {
public:
    DeleteClassCommand(ProjectSession *session, const QString &name);
    void redo() override;
    void undo() override;

private:
    QString m_name;
};

} // namespace bb
