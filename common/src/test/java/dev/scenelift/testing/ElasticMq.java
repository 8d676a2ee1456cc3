package dev.scenelift.testing;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** A real SQS-protocol server (ElasticMQ) in this JVM on a free loopback port. Close it after the test. */
public final class ElasticMq implements AutoCloseable {
  public static final String ACCESS_KEY = "elasticmq";
  public static final String SECRET_KEY = "elasticmq-secret";

  private final SQSRestServer server;
  private final URI endpoint;

  private ElasticMq(SQSRestServer server, URI endpoint) {
    this.server = server;
    this.endpoint = endpoint;
  }

  public static ElasticMq start() {
    SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    int port = server.waitUntilStarted().localAddress().getPort();
    return new ElasticMq(server, URI.create("http://127.0.0.1:" + port));
  }

  public URI endpoint() {
    return endpoint;
  }

  /** A client for this server; the caller closes it. */
  public SqsClient client(ExecutionInterceptor... interceptors) {
    return SqsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .httpClientBuilder(ApacheHttpClient.builder())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .overrideConfiguration(o -> List.of(interceptors).forEach(o::addExecutionInterceptor))
        .build();
  }

  public URI createQueue(SqsClient sqs, String name) {
    return URI.create(sqs.createQueue(b -> b.queueName(name)).queueUrl());
  }

  /** A queue whose messages move to {@code deadLetter} after {@code maxReceives} receives without a delete. */
  public URI createQueueWithDeadLetter(SqsClient sqs, String name, URI deadLetter, int maxReceives) {
    String arn =
        sqs.getQueueAttributes(b -> b.queueUrl(deadLetter.toString()).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    String policy = "{\"deadLetterTargetArn\":\"" + arn + "\",\"maxReceiveCount\":\"" + maxReceives + "\"}";
    return URI.create(
        sqs.createQueue(
                b ->
                    b.queueName(name)
                        .attributes(
                            Map.of(
                                QueueAttributeName.REDRIVE_POLICY, policy,
                                QueueAttributeName.VISIBILITY_TIMEOUT, "1")))
            .queueUrl());
  }

  /** Receives (and deletes) every message currently visible, waiting up to {@code wait} for the first. */
  public static List<Message> drain(SqsClient sqs, URI queue, Duration wait) {
    List<Message> out = new ArrayList<>();
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      List<Message> got =
          sqs.receiveMessage(
                  b ->
                      b.queueUrl(queue.toString())
                          .maxNumberOfMessages(10)
                          .waitTimeSeconds(out.isEmpty() && System.nanoTime() < deadline ? 1 : 0)
                          .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                          .messageAttributeNames("All"))
              .messages();
      for (Message m : got) {
        sqs.deleteMessage(b -> b.queueUrl(queue.toString()).receiptHandle(m.receiptHandle()));
      }
      out.addAll(got);
      if (got.isEmpty() && (!out.isEmpty() || System.nanoTime() >= deadline)) {
        return out;
      }
    }
  }

  @Override
  public void close() {
    server.stopAndWait();
  }
}
