#pragma once

#include <QDialog>

class JournalModel;
class KeyIndex;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

// The changes journal of the connection's key index: what was created, deleted or changed and how much
// each key spent between syncs, filtered by kind, key, team and time, and exported to CSV or JSON.
class KeyChangesDialog : public QDialog {
    Q_OBJECT
public:
    // `index` is not owned and must outlive the dialog (the Keys page closes it with the index).
    explicit KeyChangesDialog(KeyIndex *index, QWidget *parent = nullptr);

    // The history of one key (token, alias or masked key); empty shows every key.
    void showKey(const QString &key);
    // Reads the journal again with the filters shown.
    void reload();
    // Writes the rows shown to `path`: JSON when it ends in .json, else CSV. Returns an error, or empty.
    QString exportTo(const QString &path);
    JournalModel *model() const { return m_model; }

private:
    void chooseExport();

    KeyIndex *m_index;
    JournalModel *m_model = nullptr;
    QComboBox *m_kind = nullptr;
    QComboBox *m_since = nullptr;
    QLineEdit *m_key = nullptr;
    QLineEdit *m_team = nullptr;
    QLabel *m_count = nullptr;
    QTableView *m_table = nullptr;
};
