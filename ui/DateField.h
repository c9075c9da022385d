#pragma once

#include <QDateEdit>

// A date editor (yyyy-MM-dd, calendar popup) that takes a whole date typed over its selected text, as
// people type dates: "2000-03-15" over a selection fills the year, month and day. QDateEdit alone
// rejects the first digit typed over the whole text (the year stays) and, after a section fills up and
// moves on by itself, takes the "-" typed next as a jump over the following section. Return also
// says so (returnPressed), for forms that load on Return.
class DateField : public QDateEdit {
    Q_OBJECT
public:
    explicit DateField(QWidget *parent = nullptr);

signals:
    void returnPressed();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    bool m_movedOn = false; // the last digit filled a section and the cursor moved to the next one
};
