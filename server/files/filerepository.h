#pragma once
// The bytes of uploaded files on disk, named by their SHA-256: <root>/ab/cdef…, thumbnails
// beside them (<sha>.thumb.png). A content is written to a temporary file in its folder,
// fsync'd, and renamed into place only after its database row committed, so the folder never
// holds half a file and the same bytes are stored once however often they are uploaded.
// Every method is safe on worker threads: they touch only the paths of one content.
#include <QByteArray>
#include <QString>
#include <optional>

namespace palaver::server {

class FileRepository
{
public:
    explicit FileRepository(QString root)
        : m_root(std::move(root))
    { }

    /// Creates the root folder; false (with a reason) when it cannot be written.
    bool prepare(QString* error) const;
    const QString& root() const { return m_root; }

    /// What an upload's bytes are, once hashed and (unless already stored) staged.
    struct Staged
    {
        QString sha256; ///< lower-case hex
        QString mime; ///< sniffed from the bytes
        qint64 size = 0;
        QString tempPath; ///< empty when these bytes were stored already
    };
    /// Hashes and sniffs `bytes`; writes and fsyncs them to a temporary file unless the
    /// content exists. nullopt (with a reason) on a disk failure.
    std::optional<Staged> stage(const QByteArray& bytes, const QString& name, QString* error) const;
    /// Moves a staged content into place (atomic rename); after the row committed.
    bool commit(const Staged& staged, QString* error) const;
    /// Removes a staged temporary file whose upload was refused.
    void discard(const Staged& staged) const;

    QString contentPath(const QString& sha256) const;
    QString thumbnailPath(const QString& sha256) const;
    /// The whole content, or nullopt when it is missing or unreadable.
    std::optional<QByteArray> read(const QString& path) const;

    /// The type `bytes` are, never the type a client claims: magic first, then (for plain
    /// text only) the name's extension, so notes.md is text/markdown but x.png holding
    /// text stays text/plain.
    static QString sniff(const QByteArray& bytes, const QString& name);
    /// Writes `bytes` to `path` through a temporary file in the same folder, fsync'd, then
    /// renamed (for thumbnails).
    static bool writeAtomically(const QString& path, const QByteArray& bytes, QString* error);

private:
    QString m_root;
};

} // namespace palaver::server
