package io.handshakedoctor.external;

import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/** How the forked Spring Boot applications start: their configuration, web type and properties, no banner on stdout. Test only. */
final class SpringBootApps {
  private SpringBootApps() {}

  static SpringApplication application(Class<?> configuration, WebApplicationType type, Map<String, Object> properties) {
    SpringApplication app = new SpringApplication(configuration);
    app.setWebApplicationType(type);
    // stdout carries the lines the tests read
    app.setBannerMode(Banner.Mode.OFF);
    app.setDefaultProperties(properties);
    return app;
  }
}
