package org.mmspec.checker.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmspec.checker.cli.Cli;

/**
 * The HTML report in a real browser: the Dirty COW counterexample rendered by headless Chromium shows
 * both threads' swim lanes and the violation (checked on a screenshot, by the lanes' and the violation's
 * colours), and the page is self-contained.
 */
class HtmlReportBrowserTest {

    @TempDir
    Path dir;

    private Path report() throws Exception {
        Path html = dir.resolve("cow.html");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new String[] {"explore", "--bug", "dirty-cow", "--html", html.toString()}, new PrintWriter(out),
                new PrintWriter(err), false);
        assertEquals(1, code, err.toString());
        return html;
    }

    @Test
    void thePageIsSelfContained() throws Exception {
        String html = Files.readString(report());
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.contains("http://") || html.contains("https://"), "no external resource");
        assertFalse(html.contains("<link"), "no stylesheet link");
        assertTrue(html.contains("<th class=\"lane lane-0\">writer</th>") && html.contains("<th class=\"lane lane-1\">madvise</th>"));
        int steps = ((org.mmspec.checker.result.CheckResult.Violated) org.mmspec.checker.junit.Mmspec.check(
                "gup-vs-madvise", org.mmspec.ref.bugs.BugId.DIRTY_COW)).trace().steps().size();
        assertTrue(html.contains("id=\"c1-s" + steps + "\""), "all " + steps + " steps");
        assertTrue(java.util.regex.Pattern.compile("FilemapFault\\.java:\\d+").matcher(html).find(), "source locations");
    }

    @Test
    void headlessChromiumRendersTheSwimLanesAndTheViolation() throws Exception {
        Chromium chromium = Chromium.require();
        Path page = report();
        Path shot = dir.resolve("cow.png");
        chromium.run(page, dir.resolve("profile"), "--screenshot=" + shot, "--window-size=1280,4000",
                "--hide-scrollbars");
        BufferedImage image = ImageIO.read(shot.toFile());
        assertEquals(1280, image.getWidth());
        assertTrue(pixels(image, HtmlReport.LANE_COLOURS.get(0)) > 2_000, "writer's lane header is drawn");
        assertTrue(pixels(image, HtmlReport.LANE_COLOURS.get(1)) > 2_000, "madvise's lane header is drawn");
        assertTrue(pixels(image, HtmlReport.VIOLATION_COLOUR) > 10_000, "the violation bars are drawn");
        String dom = chromium.run(page, dir.resolve("profile2"), "--dump-dom");
        assertTrue(dom.contains("copy_to_user_page"), "the last step is in the rendered document");
    }

    /** How many pixels are within a small distance of {@code hex}. */
    private static int pixels(BufferedImage image, String hex) {
        int want = Integer.parseInt(hex.substring(1), 16);
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (close(rgb >> 16 & 0xff, want >> 16 & 0xff) && close(rgb >> 8 & 0xff, want >> 8 & 0xff)
                        && close(rgb & 0xff, want & 0xff)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static boolean close(int a, int b) {
        return Math.abs(a - b) <= 6;
    }
}
