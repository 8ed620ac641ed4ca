package dev.plantsync.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; {@code CHROME_BIN} and
 * {@code CHROMEDRIVER} override the paths) driven through WebDriver, in a time zone of its own so the console must
 * convert times. Screenshots go to {@code target/console-screenshots}; downloads to a temporary directory.
 */
public final class Browser implements AutoCloseable {

    public static final String TIME_ZONE = "Europe/Berlin";
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private final ChromeDriver driver;
    private final String base;
    public final Path downloads;

    public Browser(int port) {
        try {
            downloads = Files.createTempDirectory("console-downloads");
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver")).toFile())
                .withEnvironment(Map.of("TZ", TIME_ZONE))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(env("CHROME_BIN", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1440,1000", "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        base = "http://127.0.0.1:" + port;
    }

    /** Whether this machine has the browser the console tests need. */
    public static boolean available() {
        return Files.isExecutable(Path.of(env("CHROME_BIN", "/usr/bin/chromium")))
                && Files.isExecutable(Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver")));
    }

    public Browser open(String path) {
        driver.get(base + path);
        return this;
    }

    /** Signs in through the login form as a {@link TestUsers} user (password: name + "-secret"). */
    public Browser signIn(String user) {
        driver.manage().deleteAllCookies();
        open("/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(user + "-secret");
        driver.findElement(By.id("sign-in")).click();
        waitFor(d -> !d.getCurrentUrl().contains("/login"));
        return this;
    }

    /** The element, waiting up to 10 s for it to appear (a page still loading after a click or a submit). */
    public WebElement find(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).pollingEvery(Duration.ofMillis(100))
                .ignoring(NoSuchElementException.class)
                .until(d -> d.findElement(By.cssSelector(css)));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public String text(String css) {
        return find(css).getText();
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    public String page() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Clicks, and accepts the confirmation the console asks for before acting. */
    public void clickAndConfirm(String css) {
        find(css).click();
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> {
            try {
                d.switchTo().alert().accept();
                return true;
            } catch (NoAlertPresentException e) {
                return false;
            }
        });
    }

    public <T> T waitFor(Function<WebDriver, T> condition) {
        return waitFor(Duration.ofSeconds(30), condition);
    }

    public <T> T waitFor(Duration timeout, Function<WebDriver, T> condition) {
        // A page being replaced under the condition: its elements go stale; look again.
        return new WebDriverWait(driver, timeout).pollingEvery(Duration.ofMillis(200))
                .ignoring(StaleElementReferenceException.class).until(condition);
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    public Object asyncScript(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
    }

    public Path screenshot(String name) {
        try {
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
