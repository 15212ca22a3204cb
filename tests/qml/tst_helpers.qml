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

        function test_markup_blocks_data() {
            return [
                {tag: "fenced code", input: "look:\n```\nint *a = **b**;\n<b>x</b> `y`\n```\nafter",
                 expected: "look:<pre>int *a = **b**;<br>&lt;b&gt;x&lt;/b&gt; `y`</pre>after"},
                {tag: "unclosed fence runs to the end", input: "```js\nalert(1)\n_x_",
                 expected: "<pre>alert(1)<br>_x_</pre>"},
                {tag: "quote", input: "> said **this**\n>and that\nreply",
                 expected: "<p>▎ <i>said <b>this</b></i><br>▎ <i>and that</i></p>reply"},
                {tag: "quote bar colour", input: "> q", quote: "#888",
                 expected: "<p><font color=\"#888\">▎</font> <i>q</i></p>"},
                {tag: "bullets", input: "todo:\n- one\n* *two*\n+ three",
                 expected: "todo:<ul><li>one</li><li><i>two</i></li><li>three</li></ul>"},
                {tag: "numbers", input: "1. first\n2) second\nend",
                 expected: "<ol><li>first</li><li>second</li></ol>end"},
                {tag: "not a list", input: "-5 degrees\n*not italic", expected: "-5 degrees<br>*not italic"},
                {tag: "mailto", input: "write mailto:ada@example.org.",
                 expected: "write <a href=\"mailto:ada@example.org\">mailto:ada@example.org</a>."},
            ]
        }
        function test_markup_blocks(data) {
            compare(Markup.toRichText(data.input, "", "", data.quote || ""), data.expected)
        }

        // Nothing a user types may turn into a tag, an attribute or a non-web link.
        function test_markup_hostile_data() {
            return [
                {tag: "b typed", input: "<b>not bold</b>", expected: "&lt;b&gt;not bold&lt;/b&gt;"},
                {tag: "javascript link", input: "javascript:alert(1)", expected: "javascript:alert(1)"},
                {tag: "javascript mixed case", input: "JaVaScRiPt:alert(1)//https://x.org",
                 expected: "JaVaScRiPt:alert(1)//https://x.org"},
                {tag: "data link", input: "data:text/html;base64,PHNjcmlwdD4=",
                 expected: "data:text/html;base64,PHNjcmlwdD4="},
                {tag: "quote in url", input: "https://x.org/\"onmouseover=\"alert(1)",
                 expected: "<a href=\"https://x.org/\">https://x.org/</a>&quot;onmouseover=&quot;alert(1)"},
                {tag: "url in quotes", input: "\"https://x.org\"",
                 expected: "&quot;<a href=\"https://x.org\">https://x.org</a>&quot;"},
                {tag: "ampersand in url", input: "https://x.org/?a=1&b=<2>",
                 expected: "<a href=\"https://x.org/?a=1&amp;b=\">https://x.org/?a=1&amp;b=</a>&lt;2&gt;"},
                {tag: "markers in url stay", input: "https://x.org/**a**_b_@c",
                 expected: "<a href=\"https://x.org/**a**_b_@c\">https://x.org/**a**_b_@c</a>"},
                {tag: "html in code block", input: "```\n<img src=x onerror=alert(1)>\n```",
                 expected: "<pre>&lt;img src=x onerror=alert(1)&gt;</pre>"},
                {tag: "html in quote", input: "> <script>x</script>",
                 expected: "<p>▎ <i>&lt;script&gt;x&lt;/script&gt;</i></p>"},
                {tag: "html in list", input: "- <a href=javascript:x>y</a>",
                 expected: "<ul><li>&lt;a href=javascript:x&gt;y&lt;/a&gt;</li></ul>"},
                {tag: "entity typed", input: "&lt;b&gt;", expected: "&amp;lt;b&amp;gt;"},
                {tag: "mention tag", input: "@<b>", expected: "@&lt;b&gt;"},
            ]
        }
        function test_markup_hostile(data) {
            compare(Markup.toRichText(data.input), data.expected)
        }

        function test_plain_preview_blocks() {
            compare(Markup.toPlainText("> quoted\n- item\n1. first"), "quoted item first")
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
