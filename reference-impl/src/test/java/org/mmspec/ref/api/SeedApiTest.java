package org.mmspec.ref.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmspec.ref.mem.PageFlag;

/** Every kernel API name of the project's copy of the seed list resolves to an existing public method. */
class SeedApiTest {

    private static List<String> seedLines() throws IOException {
        try (InputStream in = SeedApiTest.class.getResourceAsStream("/seed-apis.txt")) {
            assertTrue(in != null, "seed-apis.txt is missing from the test resources");
            return Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
    }

    private static List<String> seedNames() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : seedLines()) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                names.add(t);
            }
        }
        return names;
    }

    @Test
    void everySeedNameHasAnExistingPublicMethod() throws IOException {
        List<String> missing = new ArrayList<>();
        List<String> names = seedNames();
        assertEquals(85, names.size(), "the project's copy of the seed list changed size");
        for (String name : names) {
            var binding = SeedApi.lookup(name);
            if (binding.isEmpty() || !hasPublicMethod(binding.get().owner(), binding.get().method())) {
                missing.add(name + (binding.isEmpty() ? " (no binding)" : " (no method " + binding.get() + ")"));
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void noBindingForANameOutsideTheSeedList() throws IOException {
        List<String> names = seedNames();
        for (String bound : SeedApi.all().keySet()) {
            assertTrue(names.contains(bound), bound + " is bound but not in the seed list");
        }
    }

    @Test
    void everyListedPageFlagIsModelled() throws IOException {
        String flagsLine = seedLines().stream().filter(l -> l.startsWith("# flags:")).findFirst().orElseThrow();
        List<String> modelled = Arrays.stream(PageFlag.values()).map(PageFlag::kernelName).toList();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("PG_\\w+").matcher(flagsLine);
        while (matcher.find()) {
            String flag = matcher.group();
            if (flag.equals("PG_anon") || flag.equals("PG_ksm")) {
                continue; // page->mapping bits: Pages#pageAnon, Pages#pageKsm
            }
            assertTrue(modelled.contains(flag), flag + " is not a PageFlag");
        }
    }

    @Test
    void theCheckDetectsAMissingMethod() {
        assertFalse(hasPublicMethod(org.mmspec.ref.mem.Pages.class, "noSuchKernelFunction"));
    }

    private static boolean hasPublicMethod(Class<?> owner, String name) {
        for (Method m : owner.getMethods()) {
            if (m.getName().equals(name) && Modifier.isPublic(m.getModifiers())) {
                return true;
            }
        }
        return false;
    }
}
