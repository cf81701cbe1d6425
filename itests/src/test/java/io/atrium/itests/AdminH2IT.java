package io.atrium.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** {@link AdminCases} on the embedded H2. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AdminH2IT extends AdminCases {

    @Configuration
    public Option[] config() {
        return options("admin", false);
    }
}
