// Every dialog of the app, opened with realistic contents, in the light and the dark theme: no label or
// button is given less room than its text needs. With DESK_SCREENSHOT_DIR set each dialog is saved as
// dialog-NAME-THEME.png there (scripts/update-screenshots.sh draws them at 1× and 2× for review).
#include "core/api/ProxyClient.h"
#include "core/connection/ProfileStore.h"
#include "core/connection/SecretStore.h"
#include "core/index/KeyIndex.h"
#include "core/keys/KeyDirectory.h"
#include "ui/AboutDialog.h"
#include "ui/Appearance.h"
#include "ui/ConnectDialog.h"
#include "ui/KeyPrompt.h"
#include "ui/MainWindow.h"
#include "ui/PreferencesDialog.h"
#include "ui/ShortcutSheet.h"
#include "ui/connections/ConnectionsDialog.h"
#include "ui/keys/ConfirmTypingDialog.h"
#include "ui/keys/KeyChangesDialog.h"
#include "ui/keys/KeyEditDialog.h"
#include "ui/keys/NewKeyDialog.h"
#include "ui/people/NewUserDialog.h"
#include "ui/roles/IssueKeyDialog.h"
#include "ui/teams/MemberDialog.h"
#include "ui/teams/TeamDialog.h"
#include "ui/usage/ChartExportDialog.h"

#include <QAbstractButton>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QVBoxLayout>

#include <functional>
#include <memory>

namespace {

const QStringList kModels{u"gpt-4o"_qs, u"gpt-4o-mini"_qs, u"claude-3-5-sonnet"_qs, u"gemini-1.5-pro"_qs,
                          u"o3-mini"_qs};

Profile stagingProfile() {
    Profile p;
    p.id = u"p-staging"_qs;
    p.name = u"Staging"_qs;
    p.baseUrl = QUrl(u"https://litellm.staging.example.com"_qs);
    p.environment = u"staging"_qs;
    p.color = u"#d8870b"_qs;
    return p;
}

Role analyticsRole() {
    Role r;
    r.name = u"analytics"_qs;
    r.models = {u"gpt-4o-mini"_qs, u"claude-3-5-sonnet"_qs};
    r.maxBudget = 20;
    r.budgetDuration = u"30d"_qs;
    r.keyAliasPrefix = u"analytics"_qs;
    r.metadata.insert(u"cost_center"_qs, u"cc-104"_qs);
    r.ttl = *Duration::parse(u"30d"_qs);
    r.maxTtl = *Duration::parse(u"90d"_qs);
    r.tpmLimit = 50000;
    return r;
}

TeamRecord platformTeam() {
    TeamRecord t;
    t.teamId = u"5b47c700-0379-46bb-17b8-963073c72a83"_qs;
    t.teamAlias = u"platform-frontend"_qs;
    t.models = {u"gpt-4o"_qs, u"gpt-4o-mini"_qs};
    t.spend = 412.5;
    t.maxBudget = 500;
    t.budgetDuration = u"30d"_qs;
    t.budgetResetAt = QDateTime(QDate(2026, 12, 31), QTime(0, 0), Qt::UTC);
    t.tpmLimit = 100000;
    t.rpmLimit = 600;
    TeamMember m;
    m.userId = u"maya.silva"_qs;
    m.userEmail = u"maya.silva@example.com"_qs;
    m.role = u"admin"_qs;
    m.spend = 150.96;
    m.maxBudgetInTeam = 200;
    t.members = {m};
    return t;
}

KeyRecord chatbotKey() {
    KeyRecord k;
    k.token = u"88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b"_qs;
    k.keyName = u"sk-...6b4b"_qs;
    k.keyAlias = u"chatbot-frontend-production"_qs;
    k.spend = 48.54;
    k.maxBudget = 50;
    k.budgetDuration = u"30d"_qs;
    k.expires = QDateTime(QDate(2027, 1, 15), QTime(12, 0), Qt::UTC);
    k.models = {u"gpt-4o"_qs, u"gpt-4o-mini"_qs};
    k.teamId = platformTeam().teamId;
    k.teamAlias = platformTeam().teamAlias;
    k.userId = u"maya.silva"_qs;
    k.tpmLimit = 20000;
    k.rpmLimit = 60;
    return k;
}

constexpr int kFieldPadding = 12; // a line edit's frame and text margins, both sides

// The labels and buttons given less width than their text needs ("Budget rese…" on screen).
QStringList clipped(QWidget *dialog) {
    QStringList out;
    for (QLabel *label : dialog->findChildren<QLabel *>()) {
        if (!label->isVisibleTo(dialog) || label->wordWrap() || label->text().isEmpty() ||
            !label->pixmap().isNull() || label->sizePolicy().horizontalPolicy() == QSizePolicy::Ignored)
            continue;
        if (label->width() < label->minimumSizeHint().width())
            out << u"label \"%1\": %2 of %3 px"_qs.arg(label->text().left(40))
                       .arg(label->width())
                       .arg(label->minimumSizeHint().width());
    }
    for (QAbstractButton *button : dialog->findChildren<QAbstractButton *>()) {
        if (!button->isVisibleTo(dialog) || button->text().isEmpty())
            continue;
        if (button->width() < button->minimumSizeHint().width())
            out << u"button \"%1\": %2 of %3 px"_qs.arg(button->text())
                       .arg(button->width())
                       .arg(button->minimumSizeHint().width());
    }
    // An empty field's placeholder says what to type: cut off, it says nothing ("Empty: all proxy …").
    for (QLineEdit *edit : dialog->findChildren<QLineEdit *>()) {
        if (!edit->isVisibleTo(dialog) || !edit->text().isEmpty() || edit->placeholderText().isEmpty())
            continue;
        const int needed = edit->fontMetrics().horizontalAdvance(edit->placeholderText()) + kFieldPadding;
        if (edit->width() < needed)
            out << u"placeholder \"%1\": %2 of %3 px"_qs.arg(edit->placeholderText())
                       .arg(edit->width())
                       .arg(needed);
    }
    return out;
}

} // namespace

class TestDialogLayouts : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<MemorySecretStore> m_keychain;
    std::unique_ptr<MemorySecretStore> m_session;
    std::unique_ptr<ProxyClient> m_client;
    std::unique_ptr<KeyDirectory> m_directory;
    std::unique_ptr<KeyIndex> m_index;
    std::unique_ptr<MainWindow> m_window;

    using Make = std::function<QDialog *(QWidget *parent)>;
    QList<std::pair<QString, Make>> dialogs() {
        const Profile staging = stagingProfile();
        const TeamRecord team = platformTeam();
        return {
            {u"connect"_qs, [](QWidget *p) { return new ConnectDialog(p); }},
            {u"connections"_qs,
             [this](QWidget *p) {
                 auto *d = new ConnectionsDialog(m_profiles.get(), m_keychain.get(), m_session.get(), p);
                 d->selectProfile(u"p-staging"_qs);
                 return d;
             }},
            {u"key-prompt"_qs,
             [staging](QWidget *p) {
                 return new KeyPrompt(staging, KeyPrompt::Reason::WrongKey, true, {}, p);
             }},
            {u"preferences"_qs, [](QWidget *p) { return new PreferencesDialog(p); }},
            {u"about"_qs, [](QWidget *p) { return new AboutDialog(u"Staging"_qs, u"1.74.3"_qs, p); }},
            {u"shortcuts"_qs, [this](QWidget *p) { return new ShortcutSheet(m_window.get(), {}, p); }},
            {u"issue-key"_qs,
             [this](QWidget *p) {
                 auto *d = new IssueKeyDialog(m_client.get(), {analyticsRole()}, kModels, p);
                 d->selectRole(u"analytics"_qs);
                 return d;
             }},
            {u"new-key"_qs,
             [](QWidget *p) {
                 return new NewKeyDialog(u"Key issued"_qs, u"sk-Zq3xT9vLmB2nK8pR4wY7cF1hJ6dS0aGe"_qs,
                                         u"analytics-ci-7f3a · expires 2027-01-04 · $20.00 budget"_qs, p);
             }},
            {u"edit-key"_qs,
             [this](QWidget *p) { return new KeyEditDialog(m_directory.get(), chatbotKey(), p); }},
            {u"key-changes"_qs, [this](QWidget *p) { return new KeyChangesDialog(m_index.get(), p); }},
            {u"confirm-delete"_qs,
             [](QWidget *p) {
                 return new ConfirmTypingDialog(u"Delete team"_qs,
                                                u"Delete team platform-frontend? Its 34 keys stay but lose "
                                                u"the team's models and budget."_qs,
                                                {u"platform-frontend"_qs}, u"Delete Team"_qs, p);
             }},
            {u"new-user"_qs,
             [this, team](QWidget *p) {
                 return new NewUserDialog(m_client.get(), {analyticsRole()}, {team}, kModels, p);
             }},
            {u"new-team"_qs, [](QWidget *p) { return new TeamDialog(nullptr, kModels, p); }},
            {u"edit-team"_qs, [team](QWidget *p) { return new TeamDialog(&team, kModels, p); }},
            {u"member"_qs,
             [team](QWidget *p) { return new MemberDialog(team.teamAlias, &team.members.constFirst(), p); }},
            {u"chart-export"_qs,
             [](QWidget *p) {
                 return new ChartExportDialog(u"/home/admin/Documents/spend-by-model.png"_qs,
                                              ChartTheme::Light, p);
             }},
        };
    }

private slots:
    // The check itself sees a label, a button and a placeholder squeezed below their text.
    void theCheckSeesCutOffText() {
        QDialog dialog;
        auto *label = new QLabel(u"Budget resets every month"_qs, &dialog);
        auto *button = new QPushButton(u"Revoke analytics-ci-7f3a"_qs, &dialog);
        auto *edit = new QLineEdit(&dialog);
        edit->setPlaceholderText(u"Empty: all proxy models"_qs);
        for (QWidget *w :
             {static_cast<QWidget *>(label), static_cast<QWidget *>(button), static_cast<QWidget *>(edit)})
            w->setFixedWidth(40);
        auto *layout = new QVBoxLayout(&dialog);
        layout->addWidget(label);
        layout->addWidget(button);
        layout->addWidget(edit);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(clipped(&dialog).size(), 3);
        for (QWidget *w :
             {static_cast<QWidget *>(label), static_cast<QWidget *>(button), static_cast<QWidget *>(edit)})
            w->setFixedWidth(400);
        QTRY_VERIFY2(clipped(&dialog).isEmpty(), qPrintable(clipped(&dialog).join(u"; ")));
    }

    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_profiles = std::make_unique<ProfileStore>(m_dir.filePath(u"profiles.ini"_qs));
        Profile p = stagingProfile();
        QCOMPARE(m_profiles->save(p), QString());
        p.id = u"p-prod"_qs;
        p.name = u"Production"_qs;
        p.baseUrl = QUrl(u"https://litellm.example.com"_qs);
        p.environment = u"prod"_qs;
        p.color = u"#c0392b"_qs;
        QCOMPARE(m_profiles->save(p), QString());
        m_keychain = std::make_unique<MemorySecretStore>();
        m_session = std::make_unique<MemorySecretStore>();
        ClientConfig config;
        config.baseUrl = QUrl(u"http://127.0.0.1:9"_qs); // never asked: the dialogs are only looked at
        m_client = std::make_unique<ProxyClient>(config, u"sk-test"_qs);
        m_directory = std::make_unique<KeyDirectory>(m_client.get());
        m_index = std::make_unique<KeyIndex>(m_dir.filePath(u"keys.sqlite"_qs));
        QVERIFY(m_index->open());
        m_window = std::make_unique<MainWindow>(MainWindow::Services{
            m_profiles.get(), m_keychain.get(), m_session.get(), m_dir.filePath(u"roles.json"_qs), false});
    }

    void everyDialogFitsItsText_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("theme");
        for (const auto &[name, make] : dialogs())
            for (const char *theme : {"light", "dark"})
                QTest::addRow("%s, %s", qPrintable(name), theme) << name << QString::fromLatin1(theme);
    }

    void everyDialogFitsItsText() {
        QFETCH(QString, name);
        QFETCH(QString, theme);
        appearance::apply(theme == u"dark" ? appearance::Theme::Dark : appearance::Theme::Light);
        Make make;
        for (const auto &[n, m] : dialogs())
            if (n == name)
                make = m;
        std::unique_ptr<QDialog> dialog(make(m_window.get()));
        dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
        QTest::qWait(50); // late layouts (a list filled after the first show) settle
        const QStringList tight = clipped(dialog.get());
        QVERIFY2(tight.isEmpty(), qPrintable(tight.join(u"; ")));
        if (const QString dir = qEnvironmentVariable("DESK_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(dialog->grab().save(u"%1/dialog-%2-%3.png"_qs.arg(dir, name, theme)));
        dialog->close();
    }
};

QTEST_MAIN(TestDialogLayouts)
#include "tst_DialogLayouts.moc"
