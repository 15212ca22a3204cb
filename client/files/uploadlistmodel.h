#pragma once
// The uploads of one room for the rows above the composer: what is being sent, how far it
// got, and what went wrong. The Uploader changes it; views only read it.
#include <QAbstractListModel>
#include <QList>

namespace palaver::client {

/// One upload as a row shows it.
struct UploadItem
{
    enum class State { Queued, Uploading, Done, Failed, Cancelled };

    int id = 0; ///< unique per account for this run
    QString room;
    QString name;
    qint64 size = 0;
    qint64 sent = 0;
    State state = State::Queued;
    QString error; ///< why it failed, for people
    bool canRetry = false; ///< a retry may work (network, server trouble), unlike a 413

    static QString stateName(State state);
};

/// The uploads of one room, in the order they were started.
class UploadListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role {
        UploadIdRole = Qt::UserRole + 1,
        NameRole,
        SizeRole,
        SizeTextRole,
        SentRole,
        ProgressRole,
        StateRole,
        ErrorRole,
        CanRetryRole,
    };
    Q_ENUM(Role)

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(m_items.size()); }

    void add(const UploadItem& item);
    /// Replaces the row with the same id (roles: what changed, empty for all).
    void update(const UploadItem& item, const QList<int>& roles = {});
    void remove(int id);
    /// The row of `id`, or -1.
    int rowOf(int id) const;
    /// The item with `id` (an empty one with id 0 when there is none).
    UploadItem item(int id) const;

Q_SIGNALS:
    void countChanged();
    /// An upload moved to another state (tests and toasts follow this).
    void stateChanged(int id, const QString& state);

private:
    QList<UploadItem> m_items;
};

} // namespace palaver::client
