package com.marketplacebilling.schedule;

import com.marketplacebilling.ops.Outcome;
import com.marketplacebilling.ops.Settings;
import java.time.YearMonth;

/**
 * The month close as the scheduler needs it ({@code bin/billing close-month}); ops provides the bean. Exit
 * code 3 means refused (the month's last day has not completed, or the month is closed already).
 */
public interface MonthCloser {
    Outcome closeMonth(YearMonth month, Settings settings) throws Exception;
}
