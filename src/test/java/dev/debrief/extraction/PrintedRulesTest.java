package dev.debrief.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.debrief.testsupport.AktrDocumentFactory;
import dev.debrief.testsupport.AktrSample;
import dev.debrief.testsupport.ScanDamage;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rules taken off a page before recognition, and nothing else. */
class PrintedRulesTest {

    private static BufferedImage paper(int width, int height) {
        BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = page.createGraphics();
        g.setColor(new Color(235, 235, 235));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return page;
    }

    private static int inkIn(BufferedImage page, int x0, int y0, int x1, int y1) {
        int ink = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (page.getRaster().getSample(x, y, 0) < 128) {
                    ink++;
                }
            }
        }
        return ink;
    }

    @Test
    void aTiltedRuleGoesAndTheTextUnderItStays() {
        BufferedImage page = paper(2000, 600);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(3));
        g.drawLine(200, 100, 1800, 156); // 2 degrees
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 60));
        g.drawString("TEMPEST TTT EEE ---- ====", 200, 400);
        g.dispose();
        int text = inkIn(page, 0, 300, 2000, 600);

        assertThat(PrintedRules.erase(page)).isEqualTo(1);

        assertThat(inkIn(page, 0, 0, 2000, 250)).as("what is left of the rule").isZero();
        assertThat(inkIn(page, 0, 300, 2000, 600)).as("the text").isEqualTo(text);
        assertThat(page.getRaster().getSample(1000, 128, 0)).as("the rule's place takes the paper's grey").isBetween(230, 240);
    }

    @Test
    void aDarkPatchOrAShortStrokeIsNoRule() {
        BufferedImage page = paper(2000, 600);
        Graphics2D g = page.createGraphics();
        g.setColor(new Color(60, 60, 60));
        g.fillRect(100, 50, 1800, 120); // a shadow across the page
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(3));
        g.drawLine(200, 400, 700, 400); // a quarter of the page: a signature line, not a rule
        g.dispose();
        int before = inkIn(page, 0, 0, 2000, 600);

        assertThat(PrintedRules.erase(page)).isZero();
        assertThat(inkIn(page, 0, 0, 2000, 600)).isEqualTo(before);
    }

    @Test
    void theRulesOfAReportAreFoundOnACleanScanAndOnAPhoto() {
        AktrDocumentFactory factory = new AktrDocumentFactory();
        BufferedImage scan = factory.scan(AktrSample.random(new Random(3)), AktrDocumentFactory.Layout.STANDARD, 300);
        BufferedImage photo = PageImages.prepare(ScanDamage.random(new Random(11)).apply(
                factory.scan(AktrSample.random(new Random(4)), AktrDocumentFactory.Layout.STANDARD, 220), new Random(11)), 0, Long.MAX_VALUE);

        // under the title, and over the instructor's statement
        assertThat(PrintedRules.erase(PageImages.prepare(scan, 0, Long.MAX_VALUE))).isEqualTo(2);
        assertThat(PrintedRules.erase(photo)).isEqualTo(2);
    }

    @Test
    void anImageWhosePixelsAreNotItsOwnGreyBytesIsLeftAlone() {
        BufferedImage rgb = new BufferedImage(2000, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 2000, 300);
        g.setColor(Color.BLACK);
        g.drawLine(100, 150, 1900, 150);
        g.dispose();

        assertThat(PrintedRules.erase(rgb)).isZero();
        assertThat(rgb.getRGB(1000, 150) & 0xffffff).isZero();
    }
}
