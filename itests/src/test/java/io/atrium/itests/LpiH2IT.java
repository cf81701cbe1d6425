package io.atrium.itests;

import java.util.List;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** {@link LpiCases} on the embedded H2. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LpiH2IT extends LpiCases {

    @Configuration
    public Option[] config() {
        return options("lpi", false, List.of("platform", "lpi", "audit"));
    }
}
