#pragma once

// QML names for palaver-client-core's types. The library stays free of QML; these gadgets only
// carry the registration macros that qt_add_qml_module turns into type registrations.
// One header for all of them because each is a two-line declaration with nothing to implement.

#include "client/account.h"
#include "client/files/accountfiles.h"
#include "client/files/filedownload.h"
#include "client/files/uploadlistmodel.h"
#include "client/models/memberlistmodel.h"
#include "client/models/roomlistmodel.h"
#include "client/models/timelinemodel.h"
#include "client/models/typingmodel.h"
#include "client/net/certificatequestion.h"
#include "client/search/searchmodel.h"

#include <QQmlEngine>

namespace palaver::qml {

/// `Account { }` in QML: one per signed-in account; enums as Account.Online etc.
struct AccountForeign
{
    Q_GADGET
    QML_FOREIGN(palaver::client::Account)
    QML_NAMED_ELEMENT(Account)
};

struct RoomListModelForeign
{
    Q_GADGET
    QML_FOREIGN(palaver::client::RoomListModel)
    QML_NAMED_ELEMENT(RoomListModel)
    QML_UNCREATABLE("Owned by Account: use account.rooms")
};

struct TimelineModelForeign
{
    Q_GADGET
    QML_FOREIGN(palaver::client::TimelineModel)
    QML_NAMED_ELEMENT(TimelineModel)
    QML_UNCREATABLE("Owned by Account: use account.timeline(roomId)")
};

struct MemberListModelForeign
{
    Q_GADGET
    QML_FOREIGN(palaver::client::MemberListModel)
    QML_NAMED_ELEMENT(MemberListModel)
    QML_UNCREATABLE("Owned by Account: use account.members(roomId)")
};

struct TypingModelForeign
{
    Q_GADGET
    QML_FOREIGN(palaver::client::TypingModel)
    QML_NAMED_ELEMENT(TypingModel)
    QML_UNCREATABLE("Owned by Account: use account.typing(roomId)")
};

struct SearchModelForeign
{
    Q_GADGET
    QML_FOREIGN(palaver::client::SearchModel)
    QML_NAMED_ELEMENT(SearchModel)
    QML_UNCREATABLE("Owned by Account: use account.search")
};

/// account.certificate: the server certificate the user is asked about; enums as
/// CertificateQuestion.Untrusted etc.
struct CertificateQuestionForeign
{
    Q_GADGET
    QML_FOREIGN(palaver::client::CertificateQuestion)
    QML_NAMED_ELEMENT(CertificateQuestion)
    QML_UNCREATABLE("Owned by Account: use account.certificate")
};

/// account.files: uploads, downloads and thumbnails.
struct AccountFilesForeign
{
    Q_GADGET
    QML_FOREIGN(palaver::client::AccountFiles)
    QML_NAMED_ELEMENT(AccountFiles)
    QML_UNCREATABLE("Owned by Account: use account.files")
};

struct UploadListModelForeign
{
    Q_GADGET
    QML_FOREIGN(palaver::client::UploadListModel)
    QML_NAMED_ELEMENT(UploadListModel)
    QML_UNCREATABLE("Owned by Account: use account.files.uploads(roomId)")
};

struct FileDownloadForeign
{
    Q_GADGET
    QML_FOREIGN(palaver::client::FileDownload)
    QML_NAMED_ELEMENT(FileDownload)
    QML_UNCREATABLE("Owned by Account: use account.files.download(fileId, name, size)")
};

} // namespace palaver::qml
