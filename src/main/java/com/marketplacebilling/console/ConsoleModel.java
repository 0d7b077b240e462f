package com.marketplacebilling.console;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ResponseStatusException;

/** What every page needs: who is logged in, whether they may act, and the formatter. */
@ControllerAdvice
@Profile(ConsoleProfile.NAME)
class ConsoleModel {
    private static final Fmt FMT = new Fmt();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM").withResolverStyle(ResolverStyle.STRICT);

    @ModelAttribute("fmt")
    Fmt fmt() { return FMT; }

    @ModelAttribute("user")
    String user(Authentication auth) { return auth == null ? null : auth.getName(); }

    @ModelAttribute("operator")
    boolean operator(Authentication auth) {
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + ConsoleSecurity.OPERATOR));
    }

    /** A business date from a URL: strictly YYYY-MM-DD, else 404. */
    static LocalDate date(String s) {
        try {
            return LocalDate.parse(s, DATE);
        } catch (RuntimeException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such date");
        }
    }

    static YearMonth month(String s) {
        try {
            return YearMonth.parse(s, MONTH);
        } catch (RuntimeException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such month");
        }
    }
}
