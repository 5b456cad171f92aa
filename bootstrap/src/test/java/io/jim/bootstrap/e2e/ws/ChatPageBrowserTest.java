package io.jim.bootstrap.e2e.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jim.bootstrap.JimServer;
import io.jim.bootstrap.e2e.TestDatabase;
import io.jim.bootstrap.e2e.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser chat page in a real browser (headless Chromium through chromedriver) against the real server:
 * two users in two browsers befriend each other, chat both ways, survive a dropped connection and a reload
 * (the history is there, each message exactly once), and talk in a group. Skipped where Chromium or
 * chromedriver is not installed (CI installs them: .ci/run).
 */
class ChatPageBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("jim.test.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("jim.test.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "chat-browser");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PASSWORD = "browser-password-1";

    private static TestDatabase db;
    private static JimServer server;
    private static final List<Path> profiles = new ArrayList<>();
    private static final List<WebDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void start() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser test needs Chromium at " + CHROMIUM + " and chromedriver at " + CHROMEDRIVER
                        + " (apt-get install chromium chromium-driver; CI does it in .ci/run)");
        db = TestDatabase.create(TestDatabase.Kind.H2);
        server = TestServer.start(db);
    }

    @AfterAll
    static void stop() throws IOException {
        browsers.forEach(WebDriver::quit);
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
        for (Path profile : profiles) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static WebDriver browser() throws IOException {
        Path profile = Files.createTempDirectory("jim-chromium-");
        profiles.add(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1200,760", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        browsers.add(driver);
        driver.get("http://127.0.0.1:" + server.httpPort() + "/");
        return driver;
    }

    @Test
    void twoUsersShouldBefriendChatBothWaysAndKeepTheHistoryExactlyOnceAcrossADropAndAReload() throws IOException {
        String suffix = Long.toString(System.nanoTime() % 1_000_000);
        WebDriver alice = browser();
        WebDriver bob = browser();
        register(alice, "alice" + suffix, "Alice");
        register(bob, "bob" + suffix, "Bob");

        // Alice asks, Bob accepts: each sees the other among the friends (the lists follow the server's events).
        alice.findElement(By.id("friend-account")).sendKeys("bob" + suffix);
        alice.findElement(By.id("friend-add")).click();
        waitFor(bob).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#requests li.request button.accept"))).click();
        openFriend(alice, "Bob");
        openFriend(bob, "Alice");

        List<String> conversation = new ArrayList<>();
        say(alice, "Hello Bob, this is Alice.", conversation);
        awaitMessages(bob, conversation);
        say(bob, "Hi Alice! Nice to see jim in a browser.", conversation);
        awaitMessages(alice, conversation);
        say(alice, "Messages go over a WebSocket,", conversation);
        say(alice, "as JSON frames of the same protocol.", conversation);
        awaitMessages(bob, conversation);
        say(bob, "And the history comes back after a reload?", conversation);
        awaitMessages(alice, conversation);

        // A network drop on Bob's side: a message sent meanwhile arrives once he is back (reconnect and sync).
        ((JavascriptExecutor) bob).executeScript("window.jim.dropConnection()");
        say(alice, "Sent while your connection was down.", conversation);
        awaitMessages(bob, conversation);

        // Bob reloads: the page signs in again and shows the whole conversation, each message exactly once.
        bob.navigate().refresh();
        waitFor(bob).until(ExpectedConditions.visibilityOfElementLocated(By.id("chat-view")));
        openFriend(bob, "Alice");
        awaitMessages(bob, conversation);
        say(bob, "Yes, all of it, once.", conversation);
        awaitMessages(alice, conversation);
        assertThat(messageIds(bob)).as("no message shown twice").doesNotHaveDuplicates().hasSize(conversation.size());
        assertThat(messageIds(alice)).doesNotHaveDuplicates().hasSize(conversation.size());
        screenshot(alice, "alice.png");
        screenshot(bob, "bob.png");

        // A group: Alice creates it with Bob, Bob finds it in his list and reads her message.
        alice.findElement(By.cssSelector("#group-create-box summary")).click();
        alice.findElement(By.id("group-name")).sendKeys("Team " + suffix);
        waitFor(alice).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#group-members label"))).click();
        alice.findElement(By.id("group-create")).click();
        waitFor(alice).until(ExpectedConditions.textToBe(By.id("conversation-title"), "Team " + suffix));
        List<String> team = new ArrayList<>();
        say(alice, "Welcome to the team room.", team);
        waitFor(bob).until(d -> !d.findElements(By.cssSelector("#groups li.group")).isEmpty());
        bob.findElement(By.cssSelector("#groups li.group")).click();
        awaitMessages(bob, team);
        screenshot(bob, "bob-group.png");
    }

    private static WebDriverWait waitFor(WebDriver driver) {
        return new WebDriverWait(driver, WAIT);
    }

    private static void register(WebDriver driver, String account, String nickname) {
        waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id("tab-register"))).click();
        driver.findElement(By.id("register-account")).sendKeys(account);
        driver.findElement(By.id("register-nickname")).sendKeys(nickname);
        driver.findElement(By.id("register-password")).sendKeys(PASSWORD);
        driver.findElement(By.id("register-submit")).click();
        waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("chat-view")));
        waitFor(driver).until(ExpectedConditions.textToBe(By.id("status"), "online"));
    }

    private static void openFriend(WebDriver driver, String name) {
        By friend = By.xpath("//ul[@id='friends']/li[contains(@class,'friend')][.//span[@class='name' and text()='" + name + "']]");
        waitFor(driver).until(ExpectedConditions.elementToBeClickable(friend)).click();
        waitFor(driver).until(ExpectedConditions.textToBe(By.id("conversation-title"), name));
    }

    /** Types and sends a message, and waits until the server acknowledged it (sending… → sent). */
    private static void say(WebDriver driver, String text, List<String> conversation) {
        WebElement input = driver.findElement(By.id("composer-input"));
        input.sendKeys(text);
        driver.findElement(By.id("composer-send")).click();
        conversation.add(text);
        waitFor(driver).until(d -> d.findElements(By.cssSelector("#messages li.pending")).isEmpty()
                && texts(d).equals(conversation)
                && d.findElements(By.cssSelector("#messages li.mine")).stream()
                        .allMatch(li -> !li.findElements(By.cssSelector(".state.sent")).isEmpty()));
    }

    private static void awaitMessages(WebDriver driver, List<String> expected) {
        try {
            waitFor(driver).until(d -> texts(d).equals(expected));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("expected " + expected + " but the page shows " + texts(driver), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> texts(WebDriver driver) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('#messages li.message:not(.system) .bubble')].map(e => e.textContent);");
    }

    @SuppressWarnings("unchecked")
    private static List<String> messageIds(WebDriver driver) {
        List<String> ids = (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('#messages li.message:not(.system)')].map(e => e.getAttribute('data-message-id'));");
        assertThat(new HashSet<>(ids)).doesNotContainNull();
        return ids;
    }

    private static void screenshot(WebDriver driver, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
