import com.marketplacebilling.billing.BillingPolicy;
import com.marketplacebilling.ledger.JdbcOutputQueries;
import com.marketplacebilling.ledger.RunRegistry;
import com.marketplacebilling.publish.DatePublisher;
import java.lang.management.ManagementFactory;
import java.nio.file.*;
import java.time.*;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Publishes one date of a kept benchmark ledger again and again (KEEP_DB=1 bench/run.sh), to measure the publish
 * step alone: wall time and the JVM's CPU time per repetition, with the load average. See bench/publish.sh.
 */
public class PublishBench {
    public static void main(String[] a) throws Exception {
        var ds = new DriverManagerDataSource(a[0], "postgres", "");
        var jdbc = new JdbcTemplate(ds);
        var pub = new DatePublisher(new JdbcOutputQueries(jdbc), new RunRegistry(jdbc), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), true);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < Integer.parseInt(a[3]); i++) {
            long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
            pub.publish(LocalDate.parse(a[1]), Path.of(a[2]), new DatePublisher.RunFacts(1, 1, BillingPolicy.defaults(), Instant.EPOCH));
            long t1 = System.nanoTime(), c1 = os.getProcessCpuTime();
            System.out.printf("publish %d: wall %.2f s, JVM CPU %.2f s, load %s%n", i, (t1 - t0) / 1e9, (c1 - c0) / 1e9,
                    Files.readString(Path.of("/proc/loadavg")).trim());
        }
    }
}
