#pragma once

#include "core/api/ActivityQuery.h"
#include "core/usage/UsageRange.h"

#include <QWidget>

class QComboBox;
class DateField;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

// What the Usage page shows: whose usage (global, a user, teams, tags), which UTC days (a preset or
// custom dates), and optional model and key filters, shown as chips that clear them. Changing the
// preset, the scope or a chip asks for a load at once; typed ids, dates and filters load on Return or
// the Load button.
class UsageFilterBar : public QWidget {
    Q_OBJECT
public:
    explicit UsageFilterBar(QWidget *parent = nullptr);

    // The request for page 1, or an empty optional and a reason in *why (a user scope without an id...).
    std::optional<ActivityQuery> query(QString *why = nullptr) const;
    UsageRange range() const;
    QString scopeText() const; // "everyone you can see", "team t1, t2", ...

    void setRange(const UsageRange &range);
    void setScope(ActivityQuery::Scope scope, bool global, const QStringList &ids);
    bool isGlobal() const;
    void setModelNames(const QStringList &names);
    // Sets a filter (empty clears it); `label` is what the chip says (a key's alias).
    void setModelFilter(const QString &model);
    void setKeyFilter(const QString &token, const QString &label = {});
    QString modelFilter() const;
    QString keyFilter() const;
    // True while fields were edited since the last load was asked for: what is shown is out of date.
    bool isPending() const;
    // Where Ctrl+F goes: the model filter.
    QWidget *searchField() const;

signals:
    void loadRequested();

private:
    void applyPreset();
    void updateScopeField();
    void updateChips();
    void setPending(bool pending);

    QComboBox *m_scope = nullptr;
    QLineEdit *m_ids = nullptr;
    QComboBox *m_preset = nullptr;
    DateField *m_from = nullptr;
    DateField *m_to = nullptr;
    QComboBox *m_model = nullptr;
    QLineEdit *m_key = nullptr;
    QPushButton *m_load = nullptr;
    QToolButton *m_modelChip = nullptr;
    QToolButton *m_keyChip = nullptr;
    QLabel *m_pending = nullptr;
    QString m_keyLabel;
};
