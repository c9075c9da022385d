#include "KeySample.h"

#include "core/keys/KeyDirectory.h"
#include "core/keys/KeyRisk.h"

KeySampleSummary KeySampleSummary::of(const QList<KeyRecord> &keys, const QDateTime &now) {
    KeySampleSummary s;
    s.checked = keys.size();
    s.expiriesByDay = QList<int>(kHorizonDays, 0);
    const QDate today = now.toUTC().date();
    for (const KeyRecord &key : keys) {
        if (key.hashOnly) {
            s.hashOnly = true;
            continue;
        }
        if (keyrisk::isOverBudget(key))
            ++s.overBudget;
        else if (keyrisk::isNearBudget(key))
            ++s.nearBudget;
        if (keyrisk::expiresSoon(key, now))
            ++s.expiringSoon;
        if (key.expires.isValid() && key.expires > now) {
            const qint64 day = today.daysTo(key.expires.toUTC().date());
            if (day >= 0 && day < kHorizonDays)
                ++s.expiriesByDay[day];
        }
    }
    return s;
}

KeySample::KeySample(ProxyClient *client, QObject *parent)
    : QObject(parent)
    , m_directory(new KeyDirectory(client, this)) {
    KeyFilter filter;
    filter.sortBy = QStringLiteral("spend");
    filter.sortOrder = Qt::DescendingOrder;
    m_directory->setFilter(filter);
    // Queued: the directory says it stopped loading before it has added the page's keys (or failed).
    connect(m_directory, &KeyDirectory::loadingChanged, this, &KeySample::onLoadingChanged,
            Qt::QueuedConnection);
    connect(m_directory, &KeyDirectory::failed, this, [this](const ApiError &error) {
        if (!m_running)
            return;
        m_running = false;
        emit failed(error);
    });
}

KeySample::~KeySample() = default;

void KeySample::setClock(std::function<QDateTime()> clock) {
    m_directory->setClock(std::move(clock));
}

void KeySample::start() {
    m_running = true;
    m_directory->reload();
}

void KeySample::cancel() {
    m_running = false;
}

void KeySample::onLoadingChanged(bool loading) {
    if (loading || !m_running || m_directory->isLoading())
        return;
    if (m_directory->loadedCount() < m_maxKeys && m_directory->canFetchMore()) {
        m_directory->fetchMore();
        return;
    }
    m_running = false;
    QList<KeyRecord> keys = m_directory->keys();
    if (keys.size() > m_maxKeys)
        keys.resize(m_maxKeys);
    KeySampleSummary summary = KeySampleSummary::of(keys, m_directory->now());
    summary.total = m_directory->totalCount();
    summary.complete = !m_directory->canFetchMore() && keys.size() == m_directory->loadedCount();
    emit finished(summary);
}
