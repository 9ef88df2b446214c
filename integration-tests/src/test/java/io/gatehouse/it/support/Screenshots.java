package io.gatehouse.it.support;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Keeps what the browser showed as PNG files under target/screenshots, for a reviewer to look at. */
public final class Screenshots {

    private Screenshots() {
    }

    public static Path take(WebDriver driver, String name) {
        Path dir = Path.of(System.getenv().getOrDefault("GATEHOUSE_IT_SCREENSHOTS", "target/screenshots"),
                System.getenv().getOrDefault("GATEHOUSE_IT_DATABASE", "h2"));
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
