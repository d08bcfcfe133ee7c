package org.cancerplan.support;

import java.util.concurrent.ThreadLocalRandom;

import org.cancerplan.shared.NhsNumber;

/** Fresh valid NHS numbers, so tests sharing a store never collide. */
public final class TestNhsNumbers {

    private TestNhsNumbers() {
    }

    public static String next() {
        while (true) {
            String candidate = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
            for (int digit = 0; digit <= 9; digit++) {
                if (NhsNumber.isValid(candidate + digit)) {
                    return candidate + digit;
                }
            }
        }
    }

}
