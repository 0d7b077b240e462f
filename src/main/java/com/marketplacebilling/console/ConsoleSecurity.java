package com.marketplacebilling.console;

import com.marketplacebilling.ledger.AuditStore;
import com.marketplacebilling.ledger.UserStore;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Everything that listens requires login, except the login page, the stylesheet and the bare health status.
 * Accounts are the database's (bin/billing user add), passwords BCrypt; FINANCE reads, OPERATOR also acts.
 * Two chains: the actuator (HTTP Basic for monitoring tools, stateless, GET only) and the console (form login,
 * session, CSRF on every POST).
 */
@Configuration(proxyBeanMethods = false)
@Profile(ConsoleProfile.NAME)
class ConsoleSecurity {
    static final String OPERATOR = "OPERATOR";
    static final String FINANCE = "FINANCE";
    /** No inline script or style anywhere; nothing from another origin; never framed. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    PasswordEncoder passwordEncoder() { return new BCryptPasswordEncoder(); }

    @Bean
    LoginThrottle loginThrottle(Clock clock) { return new LoginThrottle(clock); }

    @Bean
    UserDetailsService userDetailsService(UserStore users, LoginThrottle throttle) {
        return name -> {
            UserStore.User u = users.find(name);
            if (u == null) throw new UsernameNotFoundException("no such user");
            return User.withUsername(u.name()).password(u.passwordHash()).roles(u.role().name())
                    .accountLocked(throttle.locked(name)).build();
        };
    }

    @Bean
    @Order(1)
    SecurityFilterChain actuatorChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/actuator/health").permitAll() // status only, unless logged in
                        .requestMatchers(HttpMethod.GET, "/actuator/**").authenticated()
                        .anyRequest().denyAll())
                .httpBasic(Customizer.withDefaults())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(ConsoleSecurity::headers);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain consoleChain(HttpSecurity http, AuditStore audit, Clock clock) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/css/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/actions/**").hasRole(OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/**").hasAnyRole(OPERATOR, FINANCE)
                        .requestMatchers(HttpMethod.POST, "/logout").authenticated()
                        .anyRequest().denyAll())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/runs", false).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .exceptionHandling(e -> e.accessDeniedHandler(deniedAndAudited(audit, clock)))
                .headers(ConsoleSecurity::headers);
        return http.build();
    }

    private static void headers(org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity> h) {
        h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                .frameOptions(f -> f.deny())
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN));
    }

    /** A refused action (wrong role, missing CSRF token) is answered 403 and written to the audit log. */
    private static AccessDeniedHandler deniedAndAudited(AuditStore audit, Clock clock) {
        return (request, response, denied) -> {
            Authentication who = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
            String user = who == null ? "anonymous" : who.getName();
            if (request.getRequestURI().startsWith(request.getContextPath() + "/actions/")) {
                audit.record(clock.instant(), user, request.getMethod() + " " + request.getRequestURI(), "",
                        "DENIED", denied.getClass().getSimpleName());
            }
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
        };
    }

    /** Failed logins feed the throttle and the audit log; interactive logins are audited. */
    @Configuration(proxyBeanMethods = false)
    @Profile(ConsoleProfile.NAME)
    static class LoginEvents {
        private final LoginThrottle throttle;
        private final AuditStore audit;
        private final Clock clock;

        LoginEvents(LoginThrottle throttle, AuditStore audit, Clock clock) {
            this.throttle = throttle;
            this.audit = audit;
            this.clock = clock;
        }

        @EventListener
        public void failed(AbstractAuthenticationFailureEvent e) {
            String name = String.valueOf(e.getAuthentication().getName());
            throttle.failed(name);
            audit.record(clock.instant(), name.length() > 100 ? name.substring(0, 100) : name, "login", "", "FAILED",
                    e.getException().getClass().getSimpleName());
        }

        @EventListener
        public void succeeded(InteractiveAuthenticationSuccessEvent e) {
            throttle.succeeded(e.getAuthentication().getName());
            audit.record(clock.instant(), e.getAuthentication().getName(), "login", "", "OK", "");
        }
    }
}
