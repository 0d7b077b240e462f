package com.marketplacebilling.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.BillingApplication;
import com.marketplacebilling.support.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The nightly job starts its two load steps side by side, and each records its step execution in the job
 * repository at the same moment. Under Spring Batch's default isolation for that (SERIALIZABLE), PostgreSQL
 * cancelled one of them now and then ("could not serialize access due to read/write dependencies among
 * transactions") and the night failed before loading anything (D50).
 */
@SpringBootTest(classes = BillingApplication.class)
class JobRepositoryConcurrencyTest {
    private static final TestDatabase DB = TestDatabase.create();

    @Autowired
    private JobRepository repository;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", DB::url);
        properties.add("spring.datasource.username", () -> "postgres");
    }

    @AfterAll
    static void dropDatabase() { DB.close(); }

    @Test
    @DisplayName("the job repository records new executions at READ COMMITTED, not SERIALIZABLE: side-by-side steps cannot cancel each other")
    void createsAtReadCommitted() throws Exception {
        var interceptor = java.util.Arrays.stream(((org.springframework.aop.framework.Advised) repository).getAdvisors())
                .map(org.springframework.aop.Advisor::getAdvice)
                .filter(org.springframework.transaction.interceptor.TransactionInterceptor.class::isInstance)
                .map(org.springframework.transaction.interceptor.TransactionInterceptor.class::cast)
                .findFirst().orElseThrow();
        for (String create : List.of("createJobInstance", "createJobExecution", "createStepExecution")) {
            java.lang.reflect.Method method = java.util.Arrays.stream(JobRepository.class.getMethods())
                    .filter(m -> m.getName().equals(create)).findFirst().orElseThrow();
            var attribute = interceptor.getTransactionAttributeSource().getTransactionAttribute(method, JobRepository.class);
            assertThat(attribute).as(create).isNotNull();
            assertThat(attribute.getIsolationLevel()).as(create)
                    .isEqualTo(org.springframework.transaction.TransactionDefinition.ISOLATION_READ_COMMITTED);
        }

        // and the two load steps' executions recorded at the same moment, many times over: none is refused
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> failures = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                JobParameters params = new JobParametersBuilder().addLong("attempt", (long) i).toJobParameters();
                JobInstance instance = repository.createJobInstance("concurrencyProbe", params);
                JobExecution execution = repository.createJobExecution(instance, params, new ExecutionContext());
                repository.createStepExecution("checkFeeds", execution);
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<?>> steps = new ArrayList<>();
                for (String name : List.of("loadCommerce", "loadFulfillment")) {
                    steps.add(pool.submit(() -> {
                        together.await();
                        return repository.createStepExecution(name, execution);
                    }));
                }
                for (Future<?> step : steps) {
                    try {
                        step.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        failures.add(i + ": " + e.getCause());
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).isEmpty();
    }
}
