package io.atrium.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.atrium.itests.support.PostgresPaxExam;

/** {@link LpiCases} on PostgreSQL. */
@RunWith(PostgresPaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LpiPostgresIT extends LpiCases {

    @Configuration
    public Option[] config() {
        return options("lpi", true, java.util.List.of("platform", "lpi", "audit"));
    }
}
