package io.gatehouse.it.support;

import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

/**
 * What a person does in the browser: click, type, wait to see something. Waits are generous, as
 * these machines are shared: a wait ends as soon as the page is there.
 */
public final class BrowserSteps {

    private static final int PATIENCE_SECONDS = 20;

    private final ManagedWebDriver browser;

    public BrowserSteps(ManagedWebDriver browser) {
        this.browser = browser;
    }

    public void click(By by) {
        within(PATIENCE_SECONDS).until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    public void type(By by, String text) {
        waitFor(by).sendKeys(text);
    }

    public WebElement waitFor(By by) {
        return within(PATIENCE_SECONDS).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public WebDriverWait within(int seconds) {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(seconds));
    }
}
