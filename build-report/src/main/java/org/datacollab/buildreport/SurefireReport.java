package org.datacollab.buildreport;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The skipped tests of one surefire XML report ({@code TEST-<class>.xml}): each {@code <testcase>} with a
 * {@code <skipped>} element, whose message is the reason (a disabled condition's, such as {@code @Requires}'s) or,
 * for a failed assumption, the first line of its stack trace.
 */
final class SurefireReport {

    static List<SkipSummary.Skip> skips(String module, Path report) throws IOException {
        Document document = parse(report);
        List<SkipSummary.Skip> skips = new ArrayList<>();
        NodeList testCases = document.getElementsByTagName("testcase");
        for (int i = 0; i < testCases.getLength(); i++) {
            Element testCase = (Element) testCases.item(i);
            NodeList skipped = testCase.getElementsByTagName("skipped");
            if (skipped.getLength() == 0) {
                continue;
            }
            Element skip = (Element) skipped.item(0);
            String reason = skip.getAttribute("message");
            if (reason.isBlank()) {
                reason = skip.getTextContent().strip().lines().findFirst().orElse("no reason given");
            }
            skips.add(new SkipSummary.Skip(module, simpleName(testCase.getAttribute("classname")), reason));
        }
        return skips;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static Document parse(Path report) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(report.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("unreadable surefire report " + report, e);
        }
    }

    private SurefireReport() {
    }
}
