import QtQuick
import QtTest
import Palaver

// The C++ helpers the views use: markup, role filtering, model access.
Item {
    id: root

    ListModel {
        id: people
        ListElement { userId: "u1"; username: "ada"; displayName: "Ada Lovelace" }
        ListElement { userId: "u2"; username: "bo"; displayName: "Bo Li" }
        ListElement { userId: "u3"; username: "cy"; displayName: "Cyrus Bolt" }
    }

    RoleFilterModel {
        id: filter
        source: people
        filterRoles: ["username", "displayName"]
    }

    TestCase {
        name: "Helpers"

        function test_markup_escapes_html() {
            const rich = Markup.toRichText("<img src=x> & <a href='y'>link</a>")
            verify(rich.indexOf("<img") < 0)
            verify(rich.indexOf("<a href='y'>") < 0)
            verify(rich.indexOf("&lt;img src=x&gt; &amp;") === 0)
        }

        function test_markup_subset_data() {
            return [
                {tag: "bold", input: "a **b** c", expected: "a <b>b</b> c"},
                {tag: "italic", input: "an _odd_ one", expected: "an <i>odd</i> one"},
                {tag: "code keeps markers", input: "run `a **b**`", expected: "run <code>a **b**</code>"},
                {tag: "strike", input: "~~no~~", expected: "<s>no</s>"},
                {tag: "newline", input: "a\nb", expected: "a<br>b"},
                {tag: "snake_case stays", input: "my_var_name", expected: "my_var_name"},
                {tag: "link", input: "see https://example.org/a_b.", expected: "see <a href=\"https://example.org/a_b\">https://example.org/a_b</a>."},
                {tag: "mention", input: "hi @bo!", expected: "hi <b>@bo</b>!"},
            ]
        }
        function test_markup_subset(data) {
            compare(Markup.toRichText(data.input), data.expected)
        }

        function test_plain_preview() {
            compare(Markup.toPlainText("look at the **new icons**\nnow `x`"), "look at the new icons now x")
        }

        function test_filter_by_any_role() {
            filter.prefixOnly = false
            filter.query = ""
            compare(filter.count, 3)
            filter.query = "LI"
            compare(filter.count, 1) // "Bo Li", case-insensitively
            filter.query = "c"
            compare(filter.count, 2) // "Ada Lovelace" (mid-word) and "cy"
            filter.query = "zz"
            compare(filter.count, 0)
        }

        function test_filter_by_word_prefix() {
            filter.prefixOnly = true
            filter.query = "bo"
            compare(filter.count, 2) // bo, Cyrus Bolt
            compare(filter.get(0).username, "bo")
            compare(filter.get(1).username, "cy")
            filter.query = "love"
            compare(filter.count, 1)
            compare(filter.get(0).displayName, "Ada Lovelace")
            compare(filter.get(5).username, undefined)
        }

        function test_model_access() {
            compare(ModelAccess.findFirst(people, {username: "bo"}), 1)
            compare(ModelAccess.findLast(people, {userId: "u3"}), 2)
            compare(ModelAccess.findFirst(people, {username: "nobody"}), -1)
            compare(ModelAccess.findFirst(people, {noSuchRole: 1}), -1)
            compare(ModelAccess.row(people, 0).displayName, "Ada Lovelace")
            compare(Object.keys(ModelAccess.row(people, 9)).length, 0)
        }

        function test_format() {
            compare(Format.presence("online", 0), "online")
            compare(Format.presence("away", 0), "away")
            verify(Format.presence("offline", Date.now() - 60000).indexOf("last seen today at") === 0)
            compare(Format.presence("offline", 0), "offline")
        }
    }
}
