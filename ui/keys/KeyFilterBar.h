#pragma once

#include "core/keys/KeyFilter.h"

#include <QWidget>

class QComboBox;
class QLineEdit;

// The filters the proxy applies to /key/list: team, user, key alias (substring), key hash and status.
// A change is sent when the person presses Enter, leaves a field, empties one (its clear button) or picks
// a status.
class KeyFilterBar : public QWidget {
    Q_OBJECT
public:
    explicit KeyFilterBar(QWidget *parent = nullptr);

    // The filter as typed; sortBy and sortOrder are left as in `base`.
    KeyFilter filter(const KeyFilter &base = {}) const;
    void setTeams(const QList<std::pair<QString, QString>> &idAndAlias);
    // Shows one user's keys: the user filter set, the others cleared; changed() when that differs.
    void showUser(const QString &userId);
    // Only the keys of one team (the Teams page's "Show keys"); the other filters are cleared.
    void showTeam(const QString &teamId);
    // Only one key, by its hash (Watch's "Open"); the other filters are cleared.
    void showKey(const QString &token);

signals:
    void changed();

private:
    void emitIfChanged();

    QComboBox *m_team = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_alias = nullptr;
    QLineEdit *m_hash = nullptr;
    QComboBox *m_status = nullptr;
    QString m_last;
};
