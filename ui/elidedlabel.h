#pragma once
// One line of plain text that is elided ("…") when the layout gives it less room than the text
// needs, instead of widening its page or being cut mid-letter; the whole text is then the tooltip.

#include <QWidget>

namespace bb {

class ElidedLabel : public QWidget {
public:
    explicit ElidedLabel(QWidget *parent = nullptr);
    void setText(const QString &text);
    QString text() const { return m_text; }
    void clear() { setText(QString()); }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateToolTip();
    QString m_text;
};

} // namespace bb
