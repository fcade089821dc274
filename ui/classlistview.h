#pragma once
// The class list: number-key badge, colour, name, count and share bar per class; images can be
// dropped on a class to relabel them.

#include <QListView>

namespace bb {

class ClassListView : public QListView {
    Q_OBJECT
public:
    explicit ClassListView(QWidget *parent = nullptr);
    /// The selected class name, or empty.
    QString currentClass() const;
};

} // namespace bb
