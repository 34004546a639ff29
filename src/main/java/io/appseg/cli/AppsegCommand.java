package io.appseg.cli;

public class AppsegCommand {
  public static void main(String[] args) {}
}
