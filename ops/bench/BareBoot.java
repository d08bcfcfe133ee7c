import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;

/** Benchmark baseline: a bare Spring Boot start (no auto-configuration, no web server) and exit. */
@SpringBootConfiguration
public class BareBoot {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(BareBoot.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.run(args).close();
    }
}
