package streamlab.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit's compiler directives parse on this JDK and reach the JVM; a broken file is refused with the JVM's reason. */
class JitDirectivesTest {
    @Test
    void theKitsFileIsAppliedToTheJvm() throws Exception {
        Path file = Path.of(JitDirectives.FILE);
        assertThat(file).exists();
        assertThat(JitDirectives.add(file)).isNull();
        String current = JitDirectives.current();
        assertThat(current).contains("java/io/ObjectOutputStream*.*", "org/codehaus/*.*", "org/apache/spark/sql/catalyst/optimizer/*.*");
        // Nothing on the per-record path: the decoders' number parsing, Kafka's consumer, Spark's generated code.
        assertThat(current).doesNotContain("FloatingDecimal.*", "org/apache/kafka", "streamlab/", "expressions/*.*", "expressions/codegen/*.*",
                "java/lang/invoke/*", "java/lang/invoke/LambdaForm$", "java/lang/invoke/Invokers", "java/lang/invoke/DirectMethodHandle",
                "java/lang/invoke/VarHandle", "java/lang/invoke/MethodHandle.", "java/lang/invoke/StringConcat", "java/lang/reflect",
                "java/util/zip", "com/esotericsoftware", "scala/reflect/ClassTag", "scala/collection");
        // Only the classes that make classes when a call site is linked
        assertThat(current).contains("java/lang/invoke/InnerClassLambdaMetafactory*.*", "java/lang/invoke/MethodHandleNatives.link*");
    }

    @Test
    void aBrokenFileIsRefusedWithTheJvmsReason(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "[{ match: \"a/B.c\", c3: { Exclude: true } }]");
        assertThat(JitDirectives.add(broken)).contains("c3");
    }
}
