package io.atrium.itests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** {@link ProtocolsCases} on the embedded H2. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProtocolsH2IT extends ProtocolsCases {

    @Configuration
    public Option[] config() {
        return options("protocols", false);
    }
}
