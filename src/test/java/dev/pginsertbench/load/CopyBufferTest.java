package dev.pginsertbench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The binary format's text encoding, without a server: bulk ASCII runs and the characters between
 * them must give exactly the JDK's UTF-8, and text PostgreSQL cannot store must be refused wherever
 * it sits in a run.
 */
class CopyBufferTest {

    @Property(tries = 500)
    void unescapedTextIsTheJdksUtf8(@ForAll("storable") String text) throws Exception {
        assertThat(encoded(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }

    @Example
    void runsOfAsciiAroundOtherCharactersAndPairsAtEveryEdge() throws Exception {
        for (String text : new String[] {"", "a", "ü", "😀", "a😀", "😀a", "aüb€c😀d", "ÿ\u0080\u07FF\u0800\uFFFF",
                "x".repeat(300) + "ł" + "y".repeat(300), "数据库 system", "Müller, A.; García, B."}) {
            assertThat(encoded(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Example
    void unstorableTextIsRefusedAnywhere() {
        for (String text : new String[] {"\0", "abc\0", "\0abc", "ab\0ü", "\uD800", "a\uD800", "\uD800a", "a\uDC00b",
                "ü\uDBFF", "😀\uDC00", "x".repeat(500) + "\uD83D"}) {
            assertThatThrownBy(() -> encoded(text)).as(text).isInstanceOf(CopyBuffer.UnstorableText.class);
        }
    }

    @Example
    void textAfterOtherFieldsAndAcrossBuffersKeepsItsPlace() throws Exception {
        CopyBuffer out = new CopyBuffer(1024, null);
        out.writeInt(7);
        out.writeUtf8("abc", CopyBuffer.Escape.NONE);
        out.writeUtf8("é".repeat(2000), CopyBuffer.Escape.NONE); // grows the detached buffer
        out.writeUtf8("z", CopyBuffer.Escape.NONE);
        byte[] expected = (new String(new char[] {0, 0, 0, 7}) + "abc" + "é".repeat(2000) + "z").getBytes(StandardCharsets.UTF_8);
        assertThat(out.toByteArray()).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> storable() {
        return ArticleArbitraries.text(40);
    }

    private static byte[] encoded(String text) throws Exception {
        CopyBuffer out = new CopyBuffer(1024, null);
        out.writeUtf8(text, CopyBuffer.Escape.NONE);
        return out.toByteArray();
    }
}
