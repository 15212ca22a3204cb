import QtQuick
import QtTest
import Palaver

// The attachment components offscreen: upload rows in each state, file cards by type, and a
// message bubble that holds an image and a file without text.
Item {
    id: root
    width: 640
    height: 480

    Component {
        id: uploadRowComponent
        UploadRow {
            width: 400
        }
    }
    Component {
        id: fileCardComponent
        FileCard {}
    }
    Component {
        id: bubbleComponent
        MessageBubble {}
    }

    SignalSpy { id: cancelSpy; signalName: "cancelRequested" }
    SignalSpy { id: retrySpy; signalName: "retryRequested" }
    SignalSpy { id: dismissSpy; signalName: "dismissRequested" }

    TestCase {
        name: "Attachments"
        when: windowShown

        function findNamed(item, name) {
            if (item.objectName === name)
                return item
            for (let i = 0; i < item.children.length; ++i) {
                const found = findNamed(item.children[i], name)
                if (found)
                    return found
            }
            return null
        }

        function uploadRow(overrides) {
            const props = {uploadId: 7, name: "notes.pdf", sizeText: "3.4 MiB", progress: 0.25,
                           uploadState: "uploading", error: "", canRetry: false}
            for (const key in overrides)
                props[key] = overrides[key]
            const row = createTemporaryObject(uploadRowComponent, root, props)
            verify(row)
            for (const spy of [cancelSpy, retrySpy, dismissSpy]) {
                spy.clear()
                spy.target = row
            }
            return row
        }

        function test_upload_row_states_data() {
            return [
                {tag: "queued", state: "queued", retry: false, cancel: true, dismiss: false, progress: true, failed: false},
                {tag: "uploading", state: "uploading", retry: false, cancel: true, dismiss: false, progress: true, failed: false},
                {tag: "failed for good", state: "failed", canRetry: false, retry: false, cancel: false, dismiss: true, progress: false, failed: true},
                {tag: "failed, retry", state: "failed", canRetry: true, retry: true, cancel: false, dismiss: true, progress: false, failed: true},
                {tag: "cancelled", state: "cancelled", retry: true, cancel: false, dismiss: true, progress: false, failed: false},
            ]
        }
        function test_upload_row_states(data) {
            const row = uploadRow({uploadState: data.state, canRetry: data.canRetry || false,
                                   error: data.state === "failed" ? "“notes.pdf” is too large (limit 25 MiB)." : ""})
            compare(findNamed(row, "retryUploadButton").visible, data.retry)
            compare(findNamed(row, "cancelUploadButton").visible, data.cancel)
            compare(findNamed(row, "dismissUploadButton").visible, data.dismiss)
            compare(findNamed(row, "uploadProgress").visible, data.progress)
            compare(findNamed(row, "uploadError").visible, data.failed)
        }

        function test_upload_row_progress_and_cancel() {
            const row = uploadRow({})
            compare(findNamed(row, "uploadStatus").text, "25 % of 3.4 MiB")
            compare(findNamed(row, "uploadProgress").value, 0.25)
            mouseClick(findNamed(row, "cancelUploadButton"))
            compare(cancelSpy.count, 1)
            compare(cancelSpy.signalArguments[0][0], 7)
        }

        function test_upload_row_error_words() {
            const row = uploadRow({uploadState: "failed", error: "“big.iso” is too large (limit 25 MiB)."})
            compare(findNamed(row, "uploadError").text, "“big.iso” is too large (limit 25 MiB).")
            mouseClick(findNamed(row, "dismissUploadButton"))
            compare(dismissSpy.count, 1)
        }

        function test_file_card_icon_by_type_data() {
            return [
                {tag: "pdf", mime: "application/pdf", icon: "📄"},
                {tag: "text", mime: "text/plain", icon: "📄"},
                {tag: "zip", mime: "application/zip", icon: "🗜"},
                {tag: "audio", mime: "audio/ogg", icon: "🎵"},
                {tag: "video", mime: "video/mp4", icon: "🎬"},
                {tag: "other", mime: "application/octet-stream", icon: "📎"},
            ]
        }
        function test_file_card_icon_by_type(data) {
            const card = createTemporaryObject(fileCardComponent, root,
                {file: {fileId: "f1", name: "a", mime: data.mime, size: 10, isImage: false}})
            verify(card)
            compare(card.iconFor(data.mime), data.icon)
        }

        function test_file_card_without_account_shows_the_name() {
            const card = createTemporaryObject(fileCardComponent, root,
                {file: {fileId: "f1", name: "report.pdf", mime: "application/pdf", size: 2048, isImage: false}})
            compare(findNamed(card, "fileName").text, "report.pdf")
            // No account: nothing to download with, so no download object and no progress.
            compare(card.download, null)
            compare(findNamed(card, "downloadProgress").visible, false)
        }

        function test_bubble_with_files_and_no_text() {
            const bubble = createTemporaryObject(bubbleComponent, root, {
                text: "", isOwn: true, ts: Date.UTC(2026, 2, 4, 14, 5),
                attachments: [
                    {fileId: "img1", name: "photo.png", mime: "image/png", size: 1234, isImage: true},
                    {fileId: "doc1", name: "report.pdf", mime: "application/pdf", size: 4096, isImage: false},
                ]})
            verify(bubble)
            const list = findNamed(bubble, "attachmentList")
            verify(list.visible)
            tryVerify(() => findNamed(bubble, "imageAttachment") !== null)
            tryVerify(() => findNamed(bubble, "fileCard") !== null)
            // No text, no empty text line.
            compare(findNamed(bubble, "messageText").visible, false)
            verify(bubble.width >= findNamed(bubble, "fileCard").width)
        }

        function test_deleted_bubble_hides_files() {
            const bubble = createTemporaryObject(bubbleComponent, root, {
                text: "", deleted: true,
                attachments: [{fileId: "doc1", name: "r.pdf", mime: "application/pdf", size: 1, isImage: false}]})
            compare(findNamed(bubble, "attachmentList").visible, false)
            compare(findNamed(bubble, "messageText").visible, true)
        }
    }
}
